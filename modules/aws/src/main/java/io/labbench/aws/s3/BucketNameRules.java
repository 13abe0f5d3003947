package io.labbench.aws.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * S3's rules for general-purpose bucket names, checked before anything is sent so the learner sees
 * every broken rule at once (the study's kOps state store is such a bucket).
 */
public final class BucketNameRules {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private BucketNameRules() {
    }

    /** Every rule the name breaks; empty when the name is valid. */
    public static List<String> problems(String name) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            problems.add("Enter a bucket name.");
            return problems;
        }
        if (name.length() < 3 || name.length() > 63) {
            problems.add("Must be 3 to 63 characters long (it has " + name.length() + ").");
        }
        if (!ALLOWED.matcher(name).matches()) {
            problems.add("Only lowercase letters, digits, dots (.) and hyphens (-) are allowed.");
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            problems.add("Must begin and end with a letter or digit.");
        }
        if (name.contains("..")) {
            problems.add("Must not contain two adjacent dots.");
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            problems.add("Must not be formatted as an IP address.");
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")) {
            problems.add("Must not start with a reserved prefix (xn--, sthree-, amzn-s3-demo-).");
        }
        if (name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap") || name.endsWith("--x-s3")) {
            problems.add("Must not end with a reserved suffix (-s3alias, --ol-s3, .mrap, --x-s3).");
        }
        return problems;
    }
}
