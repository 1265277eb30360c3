package com.wedsync.ml.models.growth;

/**
 * The spec's network effects (section 3, calculateNetworkEffects) from the marketplace's counts.
 *
 * <p>Averages over every member of a side (a couple with no supplier counts as 0): suppliers per couple is
 * connections / couples, couples per supplier connections / suppliers. The high-value shares are the
 * fractions of couples with more than 3 suppliers and of suppliers with more than 10 couples; the quality
 * score their mean. Metcalfe's value is n^2 for n = suppliers + couples; the spec's Reed value is
 * {@code min(2^log2(n), 10 x Metcalfe)}, which as the spec writes it is n itself (2^n would overflow any
 * number for a real marketplace; the spec's cap keeps it practical).
 */
public record NetworkEffects(long totalSuppliers, long totalCouples, long connections, long newSuppliers, long newCouples,
                             long highValueCouples, long highValueSuppliers) {

    public double density() {
        return totalSuppliers > 0 && totalCouples > 0 ? connections / ((double) totalSuppliers * totalCouples) : 0;
    }

    public double supplierGrowthRate() {
        return totalSuppliers > 0 ? newSuppliers / (double) totalSuppliers : 0;
    }

    public double coupleGrowthRate() {
        return totalCouples > 0 ? newCouples / (double) totalCouples : 0;
    }

    /** The spec's growth rate: the mean of both sides' 30-day growth rates. */
    public double growthRate() {
        return (supplierGrowthRate() + coupleGrowthRate()) / 2;
    }

    public double avgSuppliersPerCouple() {
        return totalCouples > 0 ? connections / (double) totalCouples : 0;
    }

    public double avgCouplesPerSupplier() {
        return totalSuppliers > 0 ? connections / (double) totalSuppliers : 0;
    }

    public double highValueCoupleShare() {
        return totalCouples > 0 ? highValueCouples / (double) totalCouples : 0;
    }

    public double highValueSupplierShare() {
        return totalSuppliers > 0 ? highValueSuppliers / (double) totalSuppliers : 0;
    }

    public double qualityScore() {
        return (highValueCoupleShare() + highValueSupplierShare()) / 2;
    }

    public double metcalfeValue() {
        double n = totalSuppliers + totalCouples;
        return n * n;
    }

    public double reedValue() {
        double n = totalSuppliers + totalCouples;
        return n == 0 ? 0 : Math.min(Math.pow(2, Math.log(n) / Math.log(2)), metcalfeValue() * 10);
    }
}
