package com.wedsync.ml.models.anomaly;

import java.util.OptionalInt;

/**
 * How an {@link IsolationForest} is grown. The defaults are the paper's: t = 100 trees on sub-samples of
 * &psi; = 256 rows, each tree cut off at height ceil(log2 &psi;) (Liu, Ting &amp; Zhou 2008, section 4:
 * path lengths usually converge well before 100 trees, and &psi; = 256 is generally enough across a wide
 * range of data). With 100 trees the scores of ordinary rows, which are close together, still carry
 * noise from the trees: two seeds can rank them differently (see {@code IsolationForestTest}); more trees
 * make the ranking of the ordinary rows stable, the anomalies stand out either way.
 *
 * @param trees         number of isolation trees, t (at least 1)
 * @param subSampleSize rows drawn without replacement for each tree, &psi; (at least 2); a data set
 *                      with fewer rows is used whole, as scikit-learn does
 * @param seed          the master seed: the same seed, data and parameters give the same forest
 * @param maxDepth      the height limit; empty means ceil(log2 &psi;) of the sub-sample actually drawn
 */
public record IsolationForestParameters(int trees, int subSampleSize, long seed, OptionalInt maxDepth) {

    public static final int DEFAULT_TREES = 100;
    public static final int DEFAULT_SUB_SAMPLE_SIZE = 256;

    /** Node arrays are Java arrays: a forest of at most this many nodes (t x (2 &psi; - 1) at most). */
    static final long MAX_NODES = Integer.MAX_VALUE - 8;

    public IsolationForestParameters {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1 (got " + trees + ")");
        }
        if (subSampleSize < 2) {
            throw new IllegalArgumentException("subSampleSize must be at least 2 (got " + subSampleSize
                    + "): with one row per tree nothing can be isolated and c(1) = 0 cannot normalise the score");
        }
        if (maxDepth == null) {
            throw new IllegalArgumentException("maxDepth must not be null; OptionalInt.empty() means ceil(log2 subSampleSize)");
        }
        if (maxDepth.isPresent() && maxDepth.getAsInt() < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1 (got " + maxDepth.getAsInt() + ")");
        }
        long nodes = (long) trees * (2L * subSampleSize - 1);
        if (nodes > MAX_NODES) {
            throw new IllegalArgumentException("trees x (2 subSampleSize - 1) = " + nodes + " nodes is more than a forest holds ("
                    + MAX_NODES + "); lower trees (" + trees + ") or subSampleSize (" + subSampleSize + ")");
        }
    }

    /** The paper's defaults: 100 trees, sub-samples of 256, height limit ceil(log2 256) = 8. */
    public static IsolationForestParameters defaults(long seed) {
        return new IsolationForestParameters(DEFAULT_TREES, DEFAULT_SUB_SAMPLE_SIZE, seed, OptionalInt.empty());
    }

    public IsolationForestParameters withTrees(int trees) {
        return new IsolationForestParameters(trees, subSampleSize, seed, maxDepth);
    }

    public IsolationForestParameters withSubSampleSize(int subSampleSize) {
        return new IsolationForestParameters(trees, subSampleSize, seed, maxDepth);
    }

    public IsolationForestParameters withSeed(long seed) {
        return new IsolationForestParameters(trees, subSampleSize, seed, maxDepth);
    }

    public IsolationForestParameters withMaxDepth(int maxDepth) {
        return new IsolationForestParameters(trees, subSampleSize, seed, OptionalInt.of(maxDepth));
    }

    /** ceil(log2 n) for n &gt;= 2: the paper's height limit for a sub-sample of n rows. */
    static int heightLimit(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
