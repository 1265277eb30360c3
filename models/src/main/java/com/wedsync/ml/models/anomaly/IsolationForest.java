package com.wedsync.ml.models.anomaly;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.wedsync.ml.models.data.Artifacts;

/**
 * An isolation forest: anomalies are the rows that random axis-parallel cuts isolate in few steps.
 *
 * <p>After F. T. Liu, K. M. Ting and Z.-H. Zhou, "Isolation Forest", Proc. 8th IEEE International
 * Conference on Data Mining (ICDM 2008), pp. 413-422, doi:10.1109/ICDM.2008.17, with the notes of the
 * extended version, "Isolation-Based Anomaly Detection", ACM Transactions on Knowledge Discovery from
 * Data 6(1), article 3 (2012), doi:10.1145/2133360.2133363:
 *
 * <ul>
 *   <li><b>Training</b> (section 4, Algorithms 1 and 2). Each of t trees is grown on its own sub-sample of &psi; rows
 *   drawn without replacement (all rows when there are fewer than &psi;). At a node, the split attribute
 *   q is drawn uniformly among the attributes that are not constant in the node and the split value p
 *   uniformly in [min q, max q) of the node's rows; rows with x<sub>q</sub> &le; p go left (scikit-learn's
 *   convention; the paper writes &lt;, which for p drawn in [min, max) could leave the left child empty).
 *   A node is an external node (leaf) when it holds one row, when every attribute is constant in it, or
 *   at the height limit, by default ceil(log2 &psi;), about the average height of a tree on &psi; rows:
 *   anomalies are the short paths, so the deep parts need not be grown.</li>
 *   <li><b>Path length</b> (section 4, Algorithm 3). h(x) is the number of edges from the root to the leaf x falls
 *   in, plus c(n) when that leaf held n &gt; 1 training rows: the average path length of an unsuccessful
 *   search in a binary search tree of n keys, estimating the height of the subtree the height limit cut
 *   off, c(n) = 2 H(n - 1) - 2 (n - 1) / n with H(i) &asymp; ln(i) + 0.5772156649 (Euler's constant), and
 *   c(2) = 1, c(1) = 0 exactly, as in scikit-learn's {@code _average_path_length}.</li>
 *   <li><b>Score</b> (section 2, equation 2). s(x, &psi;) = 2<sup>-E[h(x)] / c(&psi;)</sup> in (0, 1], E
 *   the mean over the trees: s near 1 means anomalous, s well below 0.5 means normal, and s &asymp; 0.5
 *   everywhere means the data has no distinct anomaly. Being normalised by c(&psi;), it reads the same
 *   for any number of rows, which is what lets a fixed threshold (the product spec's 0.7) be used at all;
 *   how high an outlier gets depends on how it stands out. In the tests, rows extreme along a feature
 *   axis score 0.75-0.8, while rows unusual only in their combination of features, or outliers in
 *   clusters that mask each other, rank above the ordinary rows (median about 0.4) but score 0.6-0.65:
 *   axis-parallel cuts are slow to isolate them. The score equals scikit-learn's
 *   {@code -score_samples(X)}.</li>
 * </ul>
 *
 * <p>The model is immutable. Its nodes live in flat arrays (split attribute, split value, left child, the
 * right child being the node after it, and a leaf's path length), so scoring allocates nothing. A leaf is
 * its own left child with split value +&infin;, so that a finite value never leaves it: every walk takes
 * the same number of steps (the tallest tree's height) without a branch on the data, and a batch walks
 * four rows through a tree side by side, which lets the processor overlap their memory reads (three to
 * four times less CPU than one row at a time with a loop that stops at the leaf, measured on this
 * project's 2-core machine). Fitting is deterministic for a
 * seed: each tree has its own generator, split in order from a {@link SplittableRandom} seeded with
 * {@link IsolationForestParameters#seed()}; batch scoring may run on several threads, and each row's score
 * is computed the same way on any of them, alone or in a batch. Values must be finite: NaN and infinities
 * are refused, in training and in scoring, naming the row and the column.
 */
public final class IsolationForest implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The Euler-Mascheroni constant, as NumPy's {@code np.euler_gamma}. */
    static final double EULER_GAMMA = 0.5772156649015329;
    /** Batches of more than this many rows are scored in parallel, in chunks of this many. */
    static final int PARALLEL_CHUNK = 4096;
    private static final int NONE = -1;

    private final int features;
    private final int trainingRows;
    private final int subSampleSize;
    private final int maxDepth;
    /** The tallest tree's height (at most {@link #maxDepth}): the steps of every walk. */
    private final int height;
    private final long seed;
    /** c(&psi;): the mean path length of the sub-sample size, the score's normaliser. */
    private final double normaliser;
    /** First node of each tree; a tree's nodes run up to the next tree's first node. */
    private final int[] roots;
    /** Split attribute of an internal node; 0 at a leaf. */
    private final int[] attribute;
    /** Split value of an internal node (x &le; it goes left); +&infin; at a leaf. */
    private final double[] threshold;
    /** Left child of an internal node (its right child is the node after it); a leaf itself. */
    private final int[] left;
    /** At a leaf, the path length of a row that ends there: depth + c(rows it held); 0 elsewhere. */
    private final double[] pathLength;

    private IsolationForest(int features, int trainingRows, int subSampleSize, int maxDepth, int height, long seed,
                            int[] roots, int[] attribute, double[] threshold, int[] left, double[] pathLength) {
        this.features = features;
        this.trainingRows = trainingRows;
        this.subSampleSize = subSampleSize;
        this.maxDepth = maxDepth;
        this.height = height;
        this.seed = seed;
        this.normaliser = averagePathLength(subSampleSize);
        this.roots = roots;
        this.attribute = attribute;
        this.threshold = threshold;
        this.left = left;
        this.pathLength = pathLength;
    }

    /**
     * Grows the forest on {@code rows} (each row one observation, every row as wide, values finite).
     *
     * @throws IllegalArgumentException for fewer than 2 rows, a null, empty or ragged row, or a NaN or
     *                                  infinite value (the message names row and column)
     */
    public static IsolationForest fit(double[][] rows, IsolationForestParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        int width = checkTrainingRows(rows);
        int psi = Math.min(parameters.subSampleSize(), rows.length);
        int depthLimit = parameters.maxDepth().orElse(IsolationForestParameters.heightLimit(psi));
        int trees = parameters.trees();
        int nodesPerTree = 2 * psi - 1;
        int[] roots = new int[trees];
        int[] attribute = new int[trees * nodesPerTree];
        double[] threshold = new double[attribute.length];
        int[] left = new int[attribute.length];
        double[] pathLength = new double[attribute.length];
        SplittableRandom master = new SplittableRandom(parameters.seed());
        TreeGrower grower = new TreeGrower(rows, width, psi, depthLimit);
        int nodes = 0;
        for (int t = 0; t < trees; t++) {
            roots[t] = nodes;
            nodes = grower.grow(master.split(), attribute, threshold, left, pathLength, nodes);
        }
        return new IsolationForest(width, rows.length, psi, depthLimit, grower.height, parameters.seed(), roots,
                Arrays.copyOf(attribute, nodes), Arrays.copyOf(threshold, nodes), Arrays.copyOf(left, nodes),
                Arrays.copyOf(pathLength, nodes));
    }

    /**
     * c(n), the average path length of an unsuccessful search in a binary search tree of n keys (Liu et al.
     * 2008, equation 1): 2 H(n - 1) - 2 (n - 1) / n with H(i) = ln(i) + Euler's constant; c(2) = 1 and
     * c(1) = 0, exactly as scikit-learn's {@code _average_path_length}. ({@link StrictMath#log}, so that
     * an artifact's leaf path lengths and normaliser are the same on every JVM.)
     */
    public static double averagePathLength(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1 (got " + n + "): a node holds at least one row");
        }
        if (n == 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        return 2.0 * (StrictMath.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /** The anomaly score 2<sup>-E[h(x)] / c(&psi;)</sup> of one row, in (0, 1]. */
    public double score(double[] row) {
        checkRow(row, -1);
        return scoreOf(pathLengthSum(row));
    }

    /**
     * The anomaly scores of many rows, in their order; large batches are scored in parallel on the common
     * pool, with the same result as one by one.
     *
     * @throws IllegalArgumentException naming the first row (and column) that is null, has the wrong
     *                                  width, or holds a NaN or infinite value
     */
    public double[] score(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i], i);
        }
        double[] scores = new double[rows.length];
        int chunks = (rows.length + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
        if (chunks >= 2) {
            IntStream.range(0, chunks).parallel().forEach(c -> scoreRange(rows, scores, c * PARALLEL_CHUNK,
                    Math.min(rows.length, (c + 1) * PARALLEL_CHUNK)));
        } else {
            scoreRange(rows, scores, 0, rows.length);
        }
        return scores;
    }

    /** E[h(x)]: the row's path length averaged over the trees, with the c(n) adjustment at the leaves. */
    public double pathLength(double[] row) {
        checkRow(row, -1);
        return pathLengthSum(row) / roots.length;
    }

    /** Four rows at a time through each tree, then the rest one by one; the sums are the same either way. */
    private void scoreRange(double[][] rows, double[] scores, int from, int to) {
        int[] attribute = this.attribute;
        double[] threshold = this.threshold;
        int[] left = this.left;
        double[] pathLength = this.pathLength;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            double[] x0 = rows[i];
            double[] x1 = rows[i + 1];
            double[] x2 = rows[i + 2];
            double[] x3 = rows[i + 3];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int root : roots) {
                int n0 = root;
                int n1 = root;
                int n2 = root;
                int n3 = root;
                for (int step = 0; step < height; step++) {
                    n0 = left[n0] + (x0[attribute[n0]] > threshold[n0] ? 1 : 0);
                    n1 = left[n1] + (x1[attribute[n1]] > threshold[n1] ? 1 : 0);
                    n2 = left[n2] + (x2[attribute[n2]] > threshold[n2] ? 1 : 0);
                    n3 = left[n3] + (x3[attribute[n3]] > threshold[n3] ? 1 : 0);
                }
                s0 += pathLength[n0];
                s1 += pathLength[n1];
                s2 += pathLength[n2];
                s3 += pathLength[n3];
            }
            scores[i] = scoreOf(s0);
            scores[i + 1] = scoreOf(s1);
            scores[i + 2] = scoreOf(s2);
            scores[i + 3] = scoreOf(s3);
        }
        for (; i < to; i++) {
            scores[i] = scoreOf(pathLengthSum(rows[i]));
        }
    }

    private double scoreOf(double pathLengthSum) {
        return Math.pow(2.0, -(pathLengthSum / roots.length) / normaliser);
    }

    private double pathLengthSum(double[] x) {
        int[] attribute = this.attribute;
        double[] threshold = this.threshold;
        int[] left = this.left;
        double sum = 0;
        for (int root : roots) {
            int node = root;
            for (int step = 0; step < height; step++) {
                node = left[node] + (x[attribute[node]] > threshold[node] ? 1 : 0);
            }
            sum += pathLength[node];
        }
        return sum;
    }

    /** @param index the row's index in a batch, or -1 for a single row */
    private void checkRow(double[] row, int index) {
        String which = index < 0 ? "the row" : "row " + index;
        if (row == null) {
            throw new IllegalArgumentException(which + " is null");
        }
        if (row.length != features) {
            throw new IllegalArgumentException(which + " has " + row.length + " columns, the forest was fitted on " + features);
        }
        checkFinite(row, which);
    }

    private static int checkTrainingRows(double[][] rows) {
        if (rows == null) {
            throw new IllegalArgumentException("rows must not be null");
        }
        if (rows.length < 2) {
            throw new IllegalArgumentException(rows.length == 0 ? "rows is empty: an isolation forest needs at least 2 rows"
                    : "rows has 1 row: an isolation forest needs at least 2");
        }
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null) {
                throw new IllegalArgumentException("row " + i + " is null");
            }
            if (row.length == 0) {
                throw new IllegalArgumentException("row " + i + " has no columns");
            }
            if (row.length != rows[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " columns, row 0 has " + rows[0].length
                        + ": rows must all be as wide");
            }
            checkFinite(row, "row " + i);
        }
        return rows[0].length;
    }

    private static void checkFinite(double[] row, String which) {
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(which + ", column " + j + " is " + row[j]
                        + ": an isolation forest needs finite values");
            }
        }
    }

    /** Number of features (columns) the forest was fitted on, and that every scored row must have. */
    public int features() {
        return features;
    }

    /** Rows the forest was fitted on (each tree saw {@link #subSampleSize()} of them). */
    public int trainingRows() {
        return trainingRows;
    }

    public int trees() {
        return roots.length;
    }

    /** &psi; as drawn: the requested sub-sample size, or the number of training rows if smaller. */
    public int subSampleSize() {
        return subSampleSize;
    }

    /** The height limit the trees were grown with. */
    public int maxDepth() {
        return maxDepth;
    }

    /** The tallest tree's height, at most {@link #maxDepth()}. */
    public int height() {
        return height;
    }

    public long seed() {
        return seed;
    }

    /** Nodes in the whole forest, internal and external. */
    public int nodes() {
        return attribute.length;
    }

    @Override
    public String toString() {
        return "IsolationForest[" + trees() + " trees, psi " + subSampleSize + ", max depth " + maxDepth + ", " + features
                + " features, fitted on " + trainingRows + " rows, seed " + seed + ", " + nodes() + " nodes]";
    }

    /** The forest as an artifact, Java serialisation through {@link Artifacts}. */
    public byte[] toBytes() {
        return Artifacts.write(this, "the isolation forest");
    }

    /** @throws IllegalArgumentException "not an isolation forest artifact: ..." for anything else */
    public static IsolationForest fromBytes(byte[] artifact) {
        return Artifacts.read(artifact, IsolationForest.class, "an isolation forest");
    }

    /**
     * An artifact is checked before use: every child must come after its parent inside its tree, every
     * split attribute must be a column, and every walk of {@link #height} steps must end at a leaf.
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        String problem = structuralProblem();
        if (problem != null) {
            throw new InvalidObjectException("inconsistent isolation forest: " + problem);
        }
    }

    private String structuralProblem() {
        if (features < 1 || subSampleSize < 2 || maxDepth < 1 || height < 0 || height > maxDepth || trainingRows < subSampleSize) {
            return "features " + features + ", sub-sample " + subSampleSize + ", max depth " + maxDepth + ", height " + height
                    + ", rows " + trainingRows;
        }
        if (roots == null || attribute == null || threshold == null || left == null || pathLength == null || roots.length == 0) {
            return "missing node arrays";
        }
        int nodes = attribute.length;
        if (threshold.length != nodes || left.length != nodes || pathLength.length != nodes) {
            return "node arrays of different lengths";
        }
        if (normaliser != averagePathLength(subSampleSize)) {
            return "normaliser " + normaliser + " is not c(" + subSampleSize + ")";
        }
        int[] depth = new int[nodes];
        for (int t = 0; t < roots.length; t++) {
            int from = roots[t];
            int to = t + 1 < roots.length ? roots[t + 1] : nodes;
            if ((t == 0 && from != 0) || to <= from || to > nodes) {
                return "tree " + t + " spans nodes " + from + " to " + to;
            }
            for (int node = from; node < to; node++) {
                if (attribute[node] < 0 || attribute[node] >= features) {
                    return "node " + node + " splits on attribute " + attribute[node] + " of " + features;
                }
                if (left[node] == node) {
                    if (threshold[node] != Double.POSITIVE_INFINITY || !(pathLength[node] >= 0) || pathLength[node] == Double.POSITIVE_INFINITY) {
                        return "leaf " + node + " has threshold " + threshold[node] + " and path length " + pathLength[node];
                    }
                } else if (left[node] <= node || left[node] + 1 >= to || !Double.isFinite(threshold[node])) {
                    return "node " + node + " has children " + left[node] + " and " + (left[node] + 1) + " (tree " + t
                            + " ends before " + to + ") and threshold " + threshold[node];
                } else if (depth[node] >= height) {
                    return "node " + node + " splits at depth " + depth[node] + ", below the height " + height;
                } else {
                    depth[left[node]] = depth[node] + 1;
                    depth[left[node] + 1] = depth[node] + 1;
                }
            }
        }
        return null;
    }

    /** Grows one tree after another into the forest's node arrays, reusing its buffers. */
    private static final class TreeGrower {

        private final double[][] rows;
        private final int width;
        private final int psi;
        private final int maxDepth;
        /** The tallest tree so far. */
        int height;
        /** The tree's sub-sample, as row indices; a node is a range of it, partitioned in place. */
        private final int[] sample;
        private final Set<Integer> drawn = new HashSet<>();
        /** Nodes waiting to be grown: node index, range start, range end, depth. */
        private final int[] stack;
        private final double[] min;
        private final double[] max;
        private final int[] candidates;

        TreeGrower(double[][] rows, int width, int psi, int maxDepth) {
            this.rows = rows;
            this.width = width;
            this.psi = psi;
            this.maxDepth = maxDepth;
            this.sample = new int[psi];
            this.stack = new int[4 * 2 * psi];
            this.min = new double[width];
            this.max = new double[width];
            this.candidates = new int[width];
        }

        /** Grows a tree from node {@code first} on; returns the index after its last node. */
        int grow(SplittableRandom random, int[] attribute, double[] threshold, int[] left, double[] pathLength, int first) {
            drawSample(random);
            int next = first + 1;
            int top = push(0, first, 0, psi, 0);
            while (top > 0) {
                top -= 4;
                int node = stack[top];
                int lo = stack[top + 1];
                int hi = stack[top + 2];
                int depth = stack[top + 3];
                int a = hi - lo > 1 && depth < maxDepth ? splitAttribute(random, lo, hi) : NONE;
                if (a == NONE) {
                    attribute[node] = 0;
                    threshold[node] = Double.POSITIVE_INFINITY;
                    left[node] = node;
                    pathLength[node] = depth + averagePathLength(hi - lo);
                    height = Math.max(height, depth);
                    continue;
                }
                double p = splitValue(random, min[a], max[a]);
                int mid = partition(lo, hi, a, p);
                attribute[node] = a;
                threshold[node] = p;
                left[node] = next;
                pathLength[node] = 0;
                top = push(top, next + 1, mid, hi, depth + 1);
                top = push(top, next, lo, mid, depth + 1);
                next += 2;
            }
            return next;
        }

        private int push(int top, int node, int lo, int hi, int depth) {
            stack[top] = node;
            stack[top + 1] = lo;
            stack[top + 2] = hi;
            stack[top + 3] = depth;
            return top + 4;
        }

        /** &psi; distinct row indices, uniformly (Floyd's algorithm: &psi; draws, whatever the number of rows). */
        private void drawSample(SplittableRandom random) {
            int n = rows.length;
            if (psi == n) {
                Arrays.setAll(sample, i -> i);
                return;
            }
            drawn.clear();
            int k = 0;
            for (int j = n - psi; j < n; j++) {
                int t = random.nextInt(j + 1);
                int pick = drawn.contains(t) ? j : t;
                drawn.add(pick);
                sample[k++] = pick;
            }
        }

        /** An attribute drawn uniformly among those not constant in rows lo..hi, or {@link #NONE} if all are. */
        private int splitAttribute(SplittableRandom random, int lo, int hi) {
            double[] first = rows[sample[lo]];
            System.arraycopy(first, 0, min, 0, width);
            System.arraycopy(first, 0, max, 0, width);
            for (int i = lo + 1; i < hi; i++) {
                double[] x = rows[sample[i]];
                for (int a = 0; a < width; a++) {
                    double v = x[a];
                    if (v < min[a]) {
                        min[a] = v;
                    } else if (v > max[a]) {
                        max[a] = v;
                    }
                }
            }
            int k = 0;
            for (int a = 0; a < width; a++) {
                if (max[a] > min[a]) {
                    candidates[k++] = a;
                }
            }
            return k == 0 ? NONE : candidates[random.nextInt(k)];
        }

        /** Uniform in [lo, hi) for lo &lt; hi, so that both sides of the split are non-empty. */
        private static double splitValue(SplittableRandom random, double lo, double hi) {
            double u = random.nextDouble();
            double range = hi - lo;
            double p = Double.isFinite(range) ? lo + u * range : lo * (1 - u) + hi * u;
            return p >= lo && p < hi ? p : lo;
        }

        /** Moves the rows with x[a] &lt;= p to the front of lo..hi; returns where the others start. */
        private int partition(int lo, int hi, int a, double p) {
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                if (rows[sample[i]][a] <= p) {
                    i++;
                } else {
                    int s = sample[i];
                    sample[i] = sample[j];
                    sample[j--] = s;
                }
            }
            return i;
        }
    }
}
