package com.wedsync.ml.pipelines.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.pipelines.simulator.Wedding;

/**
 * Feature table to numeric matrix: numeric features as they are, categorical ones one-hot over a fixed
 * vocabulary (an unknown category is all zeros). Encoded names are {@code feature} and
 * {@code feature=category}, so a model's own feature names say how to encode for it.
 */
public final class FeatureEncoding {

    public static final Map<String, List<String>> VOCABULARY = Map.of(
            "vendor_type", Wedding.VENDOR_TYPES,
            "subscription_tier", List.of("free", "starter", "professional", "scale"));

    private FeatureEncoding() {
    }

    public static List<String> encodedNames(List<String> numeric, List<String> categorical) {
        List<String> names = new ArrayList<>(numeric);
        for (String c : categorical) {
            List<String> vocab = VOCABULARY.get(c);
            if (vocab == null) {
                throw new IllegalArgumentException("categorical feature '" + c + "' has no known categories; the model "
                        + "kinds encode " + VOCABULARY.keySet());
            }
            for (String v : vocab) {
                names.add(c + "=" + v);
            }
        }
        return names;
    }

    /** Encodes the table's rows in the order of {@code names}; a NaN numeric value is refused, naming it. */
    public static double[][] encode(FeatureTable t, List<String> names) {
        int[] source = new int[names.size()];
        String[] category = new String[names.size()];
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            int eq = n.indexOf('=');
            if (eq < 0) {
                source[j] = t.numericNames().indexOf(n);
                if (source[j] < 0) {
                    throw new IllegalArgumentException("the model needs numeric feature '" + n + "', which the feature table lacks");
                }
            } else {
                source[j] = t.categoricalNames().indexOf(n.substring(0, eq));
                category[j] = n.substring(eq + 1);
                if (source[j] < 0) {
                    throw new IllegalArgumentException("the model needs categorical feature '" + n.substring(0, eq)
                            + "', which the feature table lacks");
                }
            }
        }
        double[][] x = new double[t.size()][names.size()];
        for (int i = 0; i < t.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                if (category[j] == null) {
                    double v = t.numeric()[i][source[j]];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("feature '" + names.get(j) + "' is " + v + " for entity "
                                + t.entityIds().get(i) + " as of " + t.asOf()[i]);
                    }
                    x[i][j] = v;
                } else {
                    x[i][j] = category[j].equals(t.categorical()[i][source[j]]) ? 1 : 0;
                }
            }
        }
        return x;
    }
}
