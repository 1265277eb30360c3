package com.wedsync.ml.models.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import com.wedsync.ml.models.forecast.MonthlySeries;
import com.wedsync.ml.models.forecast.SeriesForecast;
import com.wedsync.ml.models.forecast.SeriesForecaster;

/**
 * Our forecaster's side of ops/bench/forecast-vs-statsmodels.sh: for each series of the CSV (name, first
 * month, values), rolling origins over its last {@code origins} months; at each origin the candidates are
 * selected on the months before it (as in production) and the chosen model forecasts 1 and 3 months ahead.
 * Prints {@code ours <series> <step> <mape> <coverage80> <origins> <models chosen>} per series and step.
 *
 *   java ... ForecastBenchmark series.csv [origins] [selection origins]
 */
public final class ForecastBenchmark {

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        int origins = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int selection = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        SeriesForecaster.Options o = SeriesForecaster.Options.defaults().withOrigins(selection);
        for (String line : lines) {
            String[] f = line.split(",");
            double[] v = Arrays.stream(f, 2, f.length).mapToDouble(Double::parseDouble).toArray();
            MonthlySeries y = new MonthlySeries(YearMonth.parse(f[1]), v);
            for (int step : new int[] {1, 3}) {
                double ape = 0;
                int covered = 0;
                java.util.Map<String, Integer> chosen = new java.util.TreeMap<>();
                int n = y.size();
                for (int origin = n - origins - step + 1; origin <= n - step; origin++) {
                    MonthlySeries h = y.head(origin);
                    SeriesForecaster.Selection s = SeriesForecaster.select(SeriesForecaster.candidates(h, o), o);
                    SeriesForecast.Month m = s.chosen().forecast(origin, step).months().get(step - 1);
                    double actual = y.get(origin + step - 1);
                    ape += SeriesForecaster.ape(m.point(), actual);
                    covered += actual >= m.p10() && actual <= m.p90() ? 1 : 0;
                    chosen.merge(s.chosenName(), 1, Integer::sum);
                }
                System.out.printf("ours %s %d %.5f %.4f %d %s%n", f[0], step, ape / origins, covered / (double) origins, origins,
                        chosen.toString().replace(" ", ""));
            }
        }
    }
}
