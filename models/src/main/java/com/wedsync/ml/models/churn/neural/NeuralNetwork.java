package com.wedsync.ml.models.churn.neural;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A binary classifier as a two-hidden-layer perceptron (DL4J). The only class that sees DL4J and ND4J
 * types: the rest of the code passes {@code double[][]} in and gets probabilities out.
 */
public final class NeuralNetwork {

    static {
        // One BLAS thread: OpenBLAS splits a large matrix product (2,000 rows x 32 units, say) among its threads, and
        // the split changes the last bits of the result with the processor count (seen on a 2-core AMD EPYC: the
        // network's validation Brier score differed at 1e-11 between a 1-processor and a 2-processor JVM). The
        // products here are small (a few dozen units), so one thread costs little and makes every output exact.
        Nd4j.factory().blas().setMaxThreads(1);
    }

    private final MultiLayerNetwork net;

    private NeuralNetwork(MultiLayerNetwork net) {
        this.net = net;
    }

    /** Trains on standardised features; {@code y} holds 0 or 1. */
    public static NeuralNetwork train(double[][] x, int[] y, int hidden1, int hidden2, int epochs, double learningRate,
                                      int batchSize, long seed) {
        int d = x[0].length;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(d).nOut(hidden1).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(hidden1).nOut(hidden2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(hidden2).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                double[][] bx = new double[to - from][];
                double[][] by = new double[to - from][1];
                for (int i = from; i < to; i++) {
                    bx[i - from] = x[order[i]];
                    by[i - from][0] = y[order[i]];
                }
                net.fit(new DataSet(Nd4j.create(bx), Nd4j.create(by)));
            }
        }
        return new NeuralNetwork(net);
    }

    /** Probabilities of the positive class, in row order. */
    public double[] predict(double[][] x) {
        if (x.length == 0) {
            return new double[0];
        }
        INDArray out = net.output(Nd4j.create(x), false);
        return out.reshape(x.length).toDoubleVector();
    }

    public byte[] toBytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ModelSerializer.writeModel(net, out, false);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NeuralNetwork fromBytes(byte[] bytes) {
        try {
            return new NeuralNetwork(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false));
        } catch (IOException e) {
            throw new UncheckedIOException("not a DL4J network", e);
        }
    }

    public static String libraryVersion() {
        return "deeplearning4j 1.0.0-M2.1";
    }
}
