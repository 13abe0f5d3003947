package io.labbench.locallab.inet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public names the study uses and where the stand-in answers them. The addresses are in
 * 203.0.113.0/24 (TEST-NET-3, documentation only); the stand-in answers any address, these just
 * give the resolver something to say.
 */
final class StandInSites {

    static final String RAW_GITHUB = "raw.githubusercontent.com";
    static final String S3_SEOUL = "s3.ap-northeast-2.amazonaws.com";

    private StandInSites() {
    }

    /** name → address. */
    static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("www.google.com", "203.0.113.100");
        names.put("google.com", "203.0.113.100");
        names.put("ipinfo.io", "203.0.113.101");
        names.put("wttr.in", "203.0.113.102");
        names.put(RAW_GITHUB, "203.0.113.103");
        names.put(S3_SEOUL, "203.0.113.104");
        names.put("github.com", "203.0.113.105");
        return names;
    }
}
