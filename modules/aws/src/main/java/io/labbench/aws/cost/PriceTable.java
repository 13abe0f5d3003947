package io.labbench.aws.cost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The shipped on-demand price table (an estimate for the cost guard, not a bill). */
public final class PriceTable {

    private final Map<String, Double> prices;

    private PriceTable(Map<String, Double> prices) {
        this.prices = prices;
    }

    public static PriceTable usEast1() {
        Map<String, Double> prices = new HashMap<>();
        try (InputStream in = PriceTable.class.getResourceAsStream("/io/labbench/aws/ec2-prices-us-east-1.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 3 && !f[0].startsWith("#")) {
                    prices.put(f[0] + " " + f[1], Double.parseDouble(f[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PriceTable(prices);
    }

    public OptionalDouble instanceHourly(String instanceType) {
        Double price = prices.get("instance " + instanceType);
        return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
    }

    public double nlbHourly() {
        return prices.getOrDefault("nlb hour", 0.0);
    }

    /** gp3 storage per GB-month, spread over the 730 hours of an average month. */
    public double volumeHourly(int sizeGb) {
        return sizeGb * prices.getOrDefault("ebs-gp3 gb-month", 0.0) / 730.0;
    }
}
