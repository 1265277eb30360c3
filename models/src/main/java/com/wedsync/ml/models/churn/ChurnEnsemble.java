package com.wedsync.ml.models.churn;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import com.wedsync.ml.models.churn.neural.NeuralNetwork;
import com.wedsync.ml.models.data.Artifacts;

/**
 * The trained churn ensemble: logistic regression, random forest and gradient boosting (Tribuo) and a
 * neural network (DL4J), each on standardised features, combined by a logistic stacker fitted on the
 * validation split: {@code p = sigmoid(b + sum_k w_k logit(p_k))} with non-negative weights. Fitting
 * the stacker by maximum likelihood on held-out data is also its calibration (Platt 1999 applied to the
 * members' logits), so its probabilities are calibrated ones.
 *
 * <p>Serialises to a self-contained artifact ({@link #toBytes()}): Tribuo's models with Java
 * serialisation, the network with DL4J's own format, inside one stream.
 */
public final class ChurnEnsemble implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    public static final List<String> MEMBERS = List.of("logistic_regression", "random_forest", "gradient_boosting",
            "neural_network");
    static final Label POSITIVE = new Label("1");
    /** What {@link #served()} says when the stacker of all members is served. */
    public static final String STACKED = "stacked_ensemble";

    private final List<String> featureNames;
    private final double[] mean;
    private final double[] sd;
    private final Model<Label> lr;
    private final Model<Label> rf;
    private final Model<Label> xgb;
    private final byte[] mlpBytes;
    private final double[] weights;
    private final double intercept;
    private final double[] lrCoefficients;
    private final Map<String, Map<String, Double>> validationMetrics;
    private final Map<String, Double> featureImportance;
    private final Map<String, String> provenance;
    private transient NeuralNetwork mlp;
    /** {@link #STACKED}, or the one member served alone; null in artifacts written before the choice existed */
    private final String served;

    ChurnEnsemble(List<String> featureNames, double[] mean, double[] sd, Model<Label> lr, Model<Label> rf,
                  Model<Label> xgb, NeuralNetwork mlp, double[] weights, double intercept, double[] lrCoefficients,
                  Map<String, Map<String, Double>> validationMetrics, Map<String, Double> featureImportance,
                  Map<String, String> provenance, String served) {
        this.featureNames = List.copyOf(featureNames);
        this.served = served;
        this.mean = mean;
        this.sd = sd;
        this.lr = lr;
        this.rf = rf;
        this.xgb = xgb;
        this.mlp = mlp;
        this.mlpBytes = mlp.toBytes();
        this.weights = weights;
        this.intercept = intercept;
        this.lrCoefficients = lrCoefficients;
        this.validationMetrics = validationMetrics;
        this.featureImportance = featureImportance;
        this.provenance = provenance;
    }

    /**
     * What is served: {@link #STACKED} when the stacker beat the best member on validation by the stated margin,
     * otherwise that member's name (its probabilities calibrated alone; the others have stacker weight 0).
     */
    public String served() {
        return served == null ? STACKED : served;
    }

    /** Calibrated churn probabilities, one per row; members with stacker weight 0 are not evaluated. */
    public double[] predict(double[][] x) {
        boolean[] needed = new boolean[weights.length];
        for (int k = 0; k < weights.length; k++) {
            needed[k] = weights[k] != 0;
        }
        double[][] members = memberPredictions(x, needed);
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = stack(members, i);
        }
        return p;
    }

    /** Each member's probabilities: {@code [member][row]}, members in {@link #MEMBERS} order. */
    public double[][] memberPredictions(double[][] x) {
        boolean[] all = new boolean[MEMBERS.size()];
        java.util.Arrays.fill(all, true);
        return memberPredictions(x, all);
    }

    /** As {@link #memberPredictions(double[][])}, with only the {@code needed} members evaluated (the others 0.5). */
    private double[][] memberPredictions(double[][] x, boolean[] needed) {
        double[][] xs = standardise(x);
        int n = xs.length;
        double[][] out = {new double[n], new double[n], new double[n], new double[n]};
        for (int k = 0; k < out.length; k++) {
            if (!needed[k]) {
                java.util.Arrays.fill(out[k], 0.5);
            }
        }
        // Tribuo predicts one example at a time: large batches are split across the cores
        int chunks = n < 2_000 ? 1 : Runtime.getRuntime().availableProcessors();
        int size = (n + chunks - 1) / Math.max(1, chunks);
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * size;
            int to = Math.min(n, from + size);
            if (from >= to) {
                return;
            }
            List<Example<Label>> examples = examples(java.util.Arrays.copyOfRange(xs, from, to), featureNames);
            Model<Label>[] tribuo = tribuoMembers();
            for (int k = 0; k < tribuo.length; k++) {
                if (needed[k]) {
                    System.arraycopy(positive(tribuo[k], examples), 0, out[k], from, to - from);
                }
            }
        });
        if (needed[3]) {
            out[3] = network().predict(xs);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Model<Label>[] tribuoMembers() {
        return new Model[] {lr, rf, xgb};
    }

    double stack(double[][] members, int i) {
        double z = intercept;
        for (int k = 0; k < weights.length; k++) {
            z += weights[k] * logit(members[k][i]);
        }
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * The features that push one row's score most, largest first: the logistic-regression member's
     * linear attribution (coefficient x standardised value), so it is exact for that member and cheap
     * enough to give for every supplier of a batch.
     */
    public List<Factor> factors(double[] row, int topK) {
        List<Factor> all = new ArrayList<>();
        for (int j = 0; j < featureNames.size(); j++) {
            double z = sd[j] == 0 ? 0 : (row[j] - mean[j]) / sd[j];
            double c = lrCoefficients[j] * z;
            all.add(new Factor(featureNames.get(j), row[j], c, c > 0 ? "raises churn risk" : "lowers churn risk"));
        }
        all.sort(Comparator.comparingDouble((Factor f) -> -Math.abs(f.contribution())));
        return all.subList(0, Math.min(topK, all.size()));
    }

    /** One feature's push on a score. */
    public record Factor(String feature, double value, double contribution, String direction) implements Serializable {
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * SHA-256 of what the model computes: its standardisation, stacker, logistic-regression coefficients and the
     * exact bits of every member's and the ensemble's probabilities on {@code probe}. Two trainings with the same
     * data, parameters and seed give the same fingerprint in any process; the artifact's bytes also hold Tribuo's
     * and DL4J's training timestamps, so they are not the thing to compare.
     */
    public String fingerprint(double[][] probe) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
            java.util.function.DoubleConsumer put = v -> {
                b.clear();
                b.putLong(Double.doubleToRawLongBits(v));
                sha.update(b.array());
            };
            sha.update(String.join(",", featureNames).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (double[] a : new double[][] {mean, sd, weights, {intercept}, lrCoefficients}) {
                java.util.Arrays.stream(a).forEach(put);
            }
            for (double[] m : memberPredictions(probe)) {
                java.util.Arrays.stream(m).forEach(put);
            }
            java.util.Arrays.stream(predict(probe)).forEach(put);
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stacker weights of the members, in {@link #MEMBERS} order, and its intercept last. */
    public Map<String, Double> memberWeights() {
        Map<String, Double> w = new LinkedHashMap<>();
        for (int k = 0; k < MEMBERS.size(); k++) {
            w.put(MEMBERS.get(k), weights[k]);
        }
        w.put("intercept", intercept);
        return w;
    }

    /** Validation metrics of every member and of the ensemble ("ensemble"). */
    public Map<String, Map<String, Double>> validationMetrics() {
        return validationMetrics;
    }

    /** Permutation importance on the validation split: the drop in ensemble AUC when a feature is shuffled. */
    public Map<String, Double> featureImportance() {
        return featureImportance;
    }

    public Map<String, String> provenance() {
        return provenance;
    }

    private synchronized NeuralNetwork network() {
        if (mlp == null) {
            mlp = NeuralNetwork.fromBytes(mlpBytes);
        }
        return mlp;
    }

    double[][] standardise(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != mean.length) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features; the model takes "
                        + mean.length + ": " + featureNames);
            }
            double[] r = new double[mean.length];
            for (int j = 0; j < r.length; j++) {
                double v = x[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("feature '" + featureNames.get(j) + "' is " + v + " in row " + i);
                }
                r[j] = sd[j] == 0 ? 0 : (v - mean[j]) / sd[j];
            }
            out[i] = r;
        }
        return out;
    }

    static List<Example<Label>> examples(double[][] xs, List<String> names) {
        String[] n = names.toArray(String[]::new);
        List<Example<Label>> list = new ArrayList<>(xs.length);
        for (double[] row : xs) {
            list.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, n, row));
        }
        return list;
    }

    static double[] positive(Model<Label> model, List<Example<Label>> examples) {
        List<Prediction<Label>> predictions = model.predict(examples);
        double[] p = new double[predictions.size()];
        for (int i = 0; i < p.length; i++) {
            Label s = predictions.get(i).getOutputScores().get(POSITIVE.getLabel());
            p[i] = s == null ? 0 : s.getScore();
        }
        return p;
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }

    /** The artifact: everything needed to score, in one byte array. */
    public byte[] toBytes() {
        return Artifacts.write(this, "the churn ensemble");
    }

    /**
     * Reads an artifact written by {@link #toBytes()}. Deserialisation is restricted to the classes an
     * ensemble is made of (Java, Tribuo, OLCUT, protobuf, XGBoost and this package).
     */
    public static ChurnEnsemble fromBytes(byte[] artifact) {
        return Artifacts.read(artifact, ChurnEnsemble.class, "a churn ensemble");
    }
}
