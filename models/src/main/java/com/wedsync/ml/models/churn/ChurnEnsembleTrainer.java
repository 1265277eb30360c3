package com.wedsync.ml.models.churn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import com.wedsync.ml.models.churn.neural.NeuralNetwork;
import com.wedsync.ml.models.data.Artifacts;
import com.wedsync.ml.models.data.LabeledData;
import com.wedsync.ml.models.evaluation.BinaryMetrics;

/** Trains the {@link ChurnEnsemble}: four members on the training split, the stacker on the validation split. */
public final class ChurnEnsembleTrainer {

    private final ChurnEnsembleParameters p;
    private final BiConsumer<Integer, String> progress;

    /** @param progress called with a percentage and a message between steps; may be null */
    public ChurnEnsembleTrainer(ChurnEnsembleParameters parameters, BiConsumer<Integer, String> progress) {
        this.p = parameters;
        this.progress = progress == null ? (a, b) -> { } : progress;
    }

    /**
     * @param provenance what the caller knows of the data: window, feature set and version, ...; the
     *                   trainer adds hyper-parameters, seed, row counts and library versions
     */
    public ChurnEnsemble train(LabeledData train, LabeledData validation, Map<String, String> provenance) {
        train.requireBothClasses("the training split");
        validation.requireBothClasses("the validation split");
        if (!train.featureNames().equals(validation.featureNames())) {
            throw new IllegalArgumentException("training and validation splits have different features");
        }
        List<String> names = train.featureNames();
        int d = names.size();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] row : train.x()) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= train.size();
        }
        for (double[] row : train.x()) {
            for (int j = 0; j < d; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / Math.max(1, train.size() - 1));
        }
        double[][] xs = standardise(train.x(), mean, sd);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("churn training split", Artifacts.DATA_SOURCE_TIME, factory), factory);
        String[] featureArray = names.toArray(String[]::new);
        for (int i = 0; i < xs.length; i++) {
            dataset.add(new ArrayExample<>(new Label(Integer.toString(train.y()[i])), featureArray, xs[i]));
        }
        Map<String, Long> timings = new LinkedHashMap<>();

        progress.accept(5, "training logistic regression on " + train.size() + " rows");
        long t = System.nanoTime();
        LinearSGDModel lr = (LinearSGDModel) new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(p.lrLearningRate(), 0.1),
                p.lrEpochs(), Integer.MAX_VALUE, 1, p.seed()).train(dataset);
        timings.put("logistic_regression", elapsed(t));

        progress.accept(20, "training random forest (" + p.rfTrees() + " trees)");
        t = System.nanoTime();
        Model<Label> rf = randomForest(dataset, p);
        timings.put("random_forest", elapsed(t));

        progress.accept(45, "training gradient boosting (" + p.xgbRounds() + " rounds)");
        t = System.nanoTime();
        Model<Label> xgb = new XGBoostClassificationTrainer(p.xgbRounds(), p.xgbEta(), 0.0, p.xgbMaxDepth(), 1.0, 0.8, 0.8,
                1.0, 0.0, 1, true, p.seed()).train(dataset);
        timings.put("gradient_boosting", elapsed(t));

        progress.accept(65, "training neural network (" + p.mlpEpochs() + " epochs)");
        t = System.nanoTime();
        NeuralNetwork mlp = NeuralNetwork.train(xs, train.y(), p.mlpHidden1(), p.mlpHidden2(), p.mlpEpochs(),
                p.mlpLearningRate(), p.mlpBatchSize(), p.seed());
        timings.put("neural_network", elapsed(t));

        progress.accept(85, "fitting the stacker on " + validation.size() + " validation rows");
        double[][] vs = standardise(validation.x(), mean, sd);
        List<Example<Label>> vex = ChurnEnsemble.examples(vs, names);
        double[][] members = {ChurnEnsemble.positive(lr, vex), ChurnEnsemble.positive(rf, vex),
                ChurnEnsemble.positive(xgb, vex), mlp.predict(vs)};
        for (int k = 0; k < members.length; k++) {
            double min = java.util.Arrays.stream(members[k]).min().orElse(0);
            double max = java.util.Arrays.stream(members[k]).max().orElse(0);
            if (!(min >= 0 && max <= 1)) {
                throw new IllegalStateException("member " + ChurnEnsemble.MEMBERS.get(k) + " produced scores in [" + min
                        + ", " + max + "], not probabilities");
            }
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        StringBuilder aucs = new StringBuilder("members' validation AUC:");
        for (int k = 0; k < members.length; k++) {
            metrics.put(ChurnEnsemble.MEMBERS.get(k), BinaryMetrics.of(members[k], validation.y(), 0.5).asMap());
            aucs.append(String.format(java.util.Locale.ROOT, " %s %.4f (%.1f s)", ChurnEnsemble.MEMBERS.get(k),
                    metrics.get(ChurnEnsemble.MEMBERS.get(k)).get("auc"), timings.get(ChurnEnsemble.MEMBERS.get(k)) / 1000.0));
        }
        progress.accept(88, aucs.toString());
        // does the stacker earn its place? Its in-sample validation AUC flatters it (it is fitted there), so it
        // is judged out of fold (5 folds of the validation split) against the best member's validation AUC
        int best = 0;
        for (int k = 1; k < members.length; k++) {
            if (metrics.get(ChurnEnsemble.MEMBERS.get(k)).get("auc") > metrics.get(ChurnEnsemble.MEMBERS.get(best)).get("auc")) {
                best = k;
            }
        }
        double bestAuc = metrics.get(ChurnEnsemble.MEMBERS.get(best)).get("auc");
        double stackedAuc = BinaryMetrics.auc(outOfFoldStack(members, validation.y(), 5, p.seed()), validation.y());
        boolean stack = stackedAuc >= bestAuc + p.minStackingGain();
        boolean[] active = new boolean[members.length];
        if (stack) {
            java.util.Arrays.fill(active, true);
        } else {
            active[best] = true;
        }
        double[] stacker = fitStacker(members, validation.y(), active);
        double[] weights = java.util.Arrays.copyOf(stacker, members.length);
        double intercept = stacker[members.length];
        String served = stack ? ChurnEnsemble.STACKED : ChurnEnsemble.MEMBERS.get(best);
        String stacking = String.format(java.util.Locale.ROOT,
                "stacker out-of-fold validation AUC %.4f vs best member %s %.4f, margin %.4f: serving %s",
                stackedAuc, ChurnEnsemble.MEMBERS.get(best), bestAuc, p.minStackingGain(),
                stack ? "the stacked ensemble" : ChurnEnsemble.MEMBERS.get(best) + " alone, calibrated on validation");
        progress.accept(88, stacking);
        ChurnEnsemble ensemble = new ChurnEnsemble(names, mean, sd, lr, rf, xgb, mlp, weights, intercept,
                lrCoefficients(lr, names), metrics, Map.of(), Map.of(), served);
        double[] pv = ensemble.predict(validation.x());
        metrics.put("ensemble", BinaryMetrics.of(pv, validation.y(), 0.5).asMap());

        progress.accept(92, "permutation importance");
        Map<String, Double> importance = permutationImportance(ensemble, validation, 3000);

        Map<String, String> prov = new LinkedHashMap<>(provenance);
        prov.put("hyperparameters", p.asMap().toString());
        prov.put("seed", Long.toString(p.seed()));
        prov.put("library_versions", "tribuo=" + org.tribuo.Tribuo.VERSION + ", " + NeuralNetwork.libraryVersion()
                + ", xgboost4j=1.6.1, java=" + System.getProperty("java.version"));
        prov.put("train_rows", Integer.toString(train.size()));
        prov.put("train_positives", Integer.toString(train.positives()));
        prov.put("validation_rows", Integer.toString(validation.size()));
        prov.put("member_training_ms", timings.toString());
        prov.put("ensemble", "stacked logistic regression on member logits (non-negative weights), fitted on validation");
        prov.put("served", served);
        prov.put("stacking", stacking);
        prov.put("stacked_out_of_fold_auc", Double.toString(stackedAuc));
        progress.accept(100, "ensemble trained; validation AUC " + String.format("%.4f", metrics.get("ensemble").get("auc")));
        return new ChurnEnsemble(names, mean, sd, lr, rf, xgb, mlp, weights, intercept, lrCoefficients(lr, names),
                metrics, importance, prov, served);
    }

    /**
     * Logistic regression of y on the members' logits by Newton's method, with non-negative member
     * weights (a member whose weight would be negative is dropped and the rest refitted).
     *
     * @return weights in member order, then the intercept
     */
    static double[] fitStacker(double[][] members, int[] y) {
        boolean[] all = new boolean[members.length];
        java.util.Arrays.fill(all, true);
        return fitStacker(members, y, all);
    }

    /** @param allowed the members the stacker may use; the others get weight 0 */
    static double[] fitStacker(double[][] members, int[] y, boolean[] allowed) {
        int k = members.length;
        boolean[] active = allowed.clone();
        double[] beta = new double[k + 1];
        for (int round = 0; round < k; round++) {
            beta = newton(members, y, active);
            boolean changed = false;
            for (int m = 0; m < k; m++) {
                if (active[m] && beta[m] < 0) {
                    active[m] = false;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        for (int m = 0; m < k; m++) {
            if (!active[m]) {
                beta[m] = 0;
            }
        }
        return beta;
    }

    private static double[] newton(double[][] members, int[] y, boolean[] active) {
        int k = members.length;
        int n = y.length;
        double[] beta = new double[k + 1];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[k + 1];
            double[][] hess = new double[k + 1][k + 1];
            for (int i = 0; i < n; i++) {
                double[] z = new double[k + 1];
                for (int m = 0; m < k; m++) {
                    z[m] = active[m] ? ChurnEnsemble.logit(members[m][i]) : 0;
                }
                z[k] = 1;
                double eta = 0;
                for (int m = 0; m <= k; m++) {
                    eta += beta[m] * z[m];
                }
                double pi = 1 / (1 + Math.exp(-eta));
                double w = pi * (1 - pi);
                for (int a = 0; a <= k; a++) {
                    grad[a] += (y[i] - pi) * z[a];
                    for (int b = 0; b <= k; b++) {
                        hess[a][b] += w * z[a] * z[b];
                    }
                }
            }
            for (int a = 0; a <= k; a++) {
                hess[a][a] += 1e-6 + (a < k && !active[a] ? 1 : 0);
            }
            RealMatrix h = new Array2DRowRealMatrix(hess);
            double[] step = new LUDecomposition(h).getSolver().solve(new ArrayRealVector(grad)).toArray();
            double size = 0;
            for (int a = 0; a <= k; a++) {
                beta[a] += step[a];
                size = Math.max(size, Math.abs(step[a]));
            }
            if (size < 1e-8) {
                break;
            }
        }
        return beta;
    }

    /**
     * The stacker's probabilities on each row of the validation split from a stacker fitted on the other folds
     * (rows dealt to {@code folds} folds in a seeded random order), so that its AUC is an honest estimate.
     */
    static double[] outOfFoldStack(double[][] members, int[] y, int folds, long seed) {
        int n = y.length;
        int[] fold = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % folds;
        }
        double[] out = new double[n];
        for (int f = 0; f < folds; f++) {
            int inFold = 0;
            for (int i = 0; i < n; i++) {
                inFold += fold[i] == f ? 1 : 0;
            }
            double[][] fit = new double[members.length][n - inFold];
            int[] yFit = new int[n - inFold];
            for (int i = 0, c = 0; i < n; i++) {
                if (fold[i] != f) {
                    for (int m = 0; m < members.length; m++) {
                        fit[m][c] = members[m][i];
                    }
                    yFit[c++] = y[i];
                }
            }
            double[] beta = fitStacker(fit, yFit);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    double z = beta[members.length];
                    for (int m = 0; m < members.length; m++) {
                        z += beta[m] * ChurnEnsemble.logit(members[m][i]);
                    }
                    out[i] = 1 / (1 + Math.exp(-z));
                }
            }
        }
        return out;
    }

    /** The LR member's coefficient of each feature on the positive class's logit (difference of the two rows). */
    private static double[] lrCoefficients(LinearSGDModel lr, List<String> names) {
        DenseMatrix w = lr.getWeightsCopy();
        int pos = lr.getOutputIDInfo().getID(ChurnEnsemble.POSITIVE);
        int neg = 1 - pos;
        double[] c = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            var info = lr.getFeatureIDMap().get(names.get(j));
            c[j] = info == null ? 0 : w.get(pos, info.getID()) - w.get(neg, info.getID());
        }
        return c;
    }

    /**
     * XGBoost's threads for the forest: fixed, not the processor count, so that its trees never depend on the machine
     * (a histogram summed over a different number of threads can round differently).
     */
    static final int FOREST_THREADS = 2;

    /**
     * The random forest, in XGBoost's random-forest mode (one round of {@code num_parallel_tree} trees, learning rate
     * 1, rows sub-sampled without replacement at 0.632 per tree, the bootstrap's share of distinct rows, and
     * {@code feature_fraction} of the features at each split; XGBoost averages the round's trees). Tribuo's own forest
     * trains its CART trees one after another on boxed per-value indices: on the default run's 24,600 rows its 50
     * trees took 130 to 200 s, and on 100k rows more than 12 minutes. XGBoost's histogram trees take seconds on the
     * same rows and use both cores. A leaf's value is a Newton step on the log loss from an even start, {@code
     * (positives - n p) / (n p (1 - p) + lambda)}, linear in the leaf's churn rate, so the forest ranks suppliers by
     * its trees' mean churn rate like a vote of probabilities; its scale is calibrated by the stacker.
     * {@code min_child_weight} 2.5 is five rows at the start's hessian of 0.5, the CART trees' five.
     */
    static Model<Label> randomForest(MutableDataset<Label> dataset, ChurnEnsembleParameters p) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "multi:softprob");
        params.put("booster", "gbtree");
        params.put("tree_method", "hist");
        params.put("eta", 1.0);
        params.put("num_parallel_tree", p.rfTrees());
        params.put("max_depth", p.rfMaxDepth());
        params.put("subsample", 0.632);
        params.put("colsample_bynode", p.rfFeatureFraction());
        params.put("min_child_weight", 2.5);
        params.put("lambda", 1.0);
        params.put("nthread", FOREST_THREADS);
        params.put("seed", p.seed());
        params.put("verbosity", 0);
        return new XGBoostClassificationTrainer(1, params).train(dataset);
    }

    private Map<String, Double> permutationImportance(ChurnEnsemble ensemble, LabeledData v, int maxRows) {
        int n = Math.min(maxRows, v.size());
        double[][] x = java.util.Arrays.copyOf(v.x(), n);
        int[] y = java.util.Arrays.copyOf(v.y(), n);
        Map<String, Double> importance = new LinkedHashMap<>();
        int positives = 0;
        for (int label : y) {
            positives += label;
        }
        if (positives == 0 || positives == n) {
            return importance;
        }
        double base = BinaryMetrics.auc(ensemble.predict(x), y);
        SplittableRandom rnd = new SplittableRandom(p.seed());

        for (int j = 0; j < v.featureNames().size(); j++) {
            double[][] xp = new double[n][];
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int r = rnd.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[r];
                perm[r] = tmp;
            }
            for (int i = 0; i < n; i++) {
                xp[i] = x[i].clone();
                xp[i][j] = x[perm[i]][j];
            }
            importance.put(v.featureNames().get(j), base - BinaryMetrics.auc(ensemble.predict(xp), y));
        }

        return importance;
    }

    private static double[][] standardise(double[][] x, double[] mean, double[] sd) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] r = new double[mean.length];
            for (int j = 0; j < r.length; j++) {
                r[j] = sd[j] == 0 ? 0 : (x[i][j] - mean[j]) / sd[j];
            }
            out[i] = r;
        }
        return out;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
