package dev.scope.pipelines.effects.internal;

/**
 * A normalised one-dimensional gaussian in fixed point: integer weights for the offsets
 * {@code -radius..radius}, symmetric, summing to exactly {@link #ONE}, so that a flat picture
 * stays exactly flat. {@code radius = ceil(3 sigma)}.
 *
 * <p>The weights are the differences of the rounded cumulative sum of the exact weights, so
 * each one is within one unit of {@code ONE * g(k) / sum(g)} and rounding errors do not pile up
 * at the centre. Immutable.
 */
final class Gaussian {

    static final int BITS = 14;
    static final int ONE = 1 << BITS;

    private final double sigma;
    private final int[] weights;

    private Gaussian(double sigma, int[] weights) {
        this.sigma = sigma;
        this.weights = weights;
    }

    /**
     * @param sigma the standard deviation in pixels, above 0 and at most 100
     * @return the kernel
     */
    static Gaussian of(double sigma) {
        if (!(sigma > 0 && sigma <= 100)) {
            throw new IllegalArgumentException("sigma must be in (0, 100], was " + sigma);
        }
        int radius = (int) Math.ceil(3 * sigma);
        double[] g = new double[radius + 1];
        double half = 0;
        for (int k = 0; k <= radius; k++) {
            g[k] = Math.exp(-(double) k * k / (2 * sigma * sigma));
            half += k == 0 ? g[0] / 2 : g[k];
        }
        // F(k): the rounded share of the half kernel up to offset k, in units of ONE / 2
        int[] w = new int[radius + 1];
        double cumulative = g[0] / 2;
        int previous = (int) Math.round(ONE / 2 * cumulative / half);
        w[0] = 2 * previous;
        for (int k = 1; k <= radius; k++) {
            cumulative += g[k];
            int f = k == radius ? ONE / 2 : (int) Math.round(ONE / 2 * cumulative / half);
            w[k] = f - previous;
            previous = f;
        }
        return new Gaussian(sigma, w);
    }

    double sigma() {
        return sigma;
    }

    int radius() {
        return weights.length - 1;
    }

    /** @return the weights of the offsets {@code 0..radius} (a copy), in units of 1 / ONE */
    int[] halfWeights() {
        return weights.clone();
    }

    /** @return the weight of offset {@code k}, {@code -radius <= k <= radius}, in units of 1 / ONE */
    int weight(int k) {
        return weights[Math.abs(k)];
    }
}
