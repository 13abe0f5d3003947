package io.labbench.sessions.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Secrets of every kind the masker knows, in random surrounding lab output, wrapped onto a second line
 * at a random point inside the secret, with and without ANSI codes (anywhere, even inside the secret),
 * fed to a transcript in random chunks and masked as a whole text (as evidence and exports are). A leak
 * is any 6 characters in a row of a secret's sensitive part still readable in the result, line breaks
 * removed. The line after the secret's must survive unless the secret ended its line.
 * Cases: {@value #DEFAULT_CASES} in the normal suite (about a second);
 * {@code -Dlabbench.maskFuzzCases=200000} for a longer run. Prints the figure.
 */
class SecretMaskingFuzzTest {

    static final int DEFAULT_CASES = 4000;
    private static final int LEAK_WINDOW = 6;
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String KEY_CHARS = ALNUM + "/+";
    private static final String PASSWORD_CHARS = ALNUM + "!%^*-_.";
    private static final List<String> OUTPUT = List.of(
            "default via 172.30.0.1 dev ens5 proto dhcp src 172.30.1.100 metric 100",
            "172.30.1.45 dev eni9f2b3c4d5e6 scope link",
            "Chain AWS-SNAT-CHAIN-0 (1 references)",
            "NAME                    READY   STATUS    RESTARTS   AGE",
            "netshoot-pod-7b4d-xk2p  1/1     Running   0          12m",
            "Mapping: ",
            "[root@kops-ec2 ~]# ",
            "ubuntu@i-0a1b2c3d4e5f:~$ ",
            "sha256:4c1a9b2f6e0d8c7b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b",
            "commit 8d3f2a1c9b7e6d5f4a3b2c1d0e9f8a7b6c5d4e3f",
            "pod/netshoot created",
            "PING 10.0.1.5 (10.0.1.5) 56(84) bytes of data.");
    /**
     * Codes that change how text looks, not what it says: colours, bold, reset, a window title. (Erasing
     * codes such as {@code \e[K} are left out: dropped at random after a carriage return they erase the
     * line on screen too, so there is nothing left to mask.)
     */
    private static final String[] COLORS = {"\u001b[32m", "\u001b[1;31m", "\u001b[0m", "\u001b[38;5;208m", "\u001b]0;title\u0007"};

    /** A secret as it appears in a line: text before it, the secret, text after it (all on one line). */
    private record Planted(String kind, String before, String secret, String sensitive, String after) {
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String awsSecret(Random random) {
        // Real keys mix cases and digits; make sure this one does.
        return random(random, "abcdefghijklmnopqrstuvwxyz", 1) + random(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1)
                + random(random, "0123456789", 1) + random(random, KEY_CHARS, 37);
    }

    private static String password(Random random) {
        return random(random, ALNUM, 2) + random(random, PASSWORD_CHARS, 8 + random.nextInt(10));
    }

    private static final List<Function<Random, Planted>> KINDS = List.of(
            r -> { String t = random(r, ALNUM, 36); return new Planted("ghp bare", "", "ghp_" + t, t, ""); },
            r -> { String t = random(r, ALNUM, 22) + "_" + random(r, ALNUM, 59);
                return new Planted("github_pat env", "export GITHUB_TOKEN=", "github_pat_" + t, t, ""); },
            r -> { String t = random(r, ALNUM, 36); return new Planted("ghp header", "curl -H 'Authorization: token ", "gho_" + t, t, "' https://api.github.com/user"); },
            r -> { String t = random(r, ALNUM, 36); return new Planted("ghp url", "git clone https://", "ghp_" + t, t, "@github.com/org/lab.git"); },
            r -> { String s = awsSecret(r); return new Planted("aws configure set", "aws configure set aws_secret_access_key ", s, s, ""); },
            r -> { String s = awsSecret(r); return new Planted("aws prompt", "AWS Secret Access Key [None]: ", s, s, ""); },
            r -> { String s = awsSecret(r); return new Planted("aws env", "export AWS_SECRET_ACCESS_KEY=", s, s, ""); },
            r -> { String s = awsSecret(r); return new Planted("aws configure get", "aws configure get aws_secret_access_key\r\n", s, s, ""); },
            r -> { String id = random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16); return new Planted("aws key id", "aws_access_key_id = ", "AKIA" + id, id, ""); },
            r -> { String s = random(r, KEY_CHARS, 120); return new Planted("aws session token", "\"SessionToken\": \"", s, s, "\","); },
            r -> { String p = password(r); return new Planted("mysql -p", "mysql -u root -p", p, p, " -h db.lab.internal"); },
            r -> { String p = password(r); return new Planted("sshpass", "sshpass -p '", p, p, "' ssh ubuntu@10.0.1.5"); },
            r -> { String p = password(r); return new Planted("curl -u", "curl -u admin:", p, p, " https://10.0.1.5/api"); },
            r -> { String p = password(r); return new Planted("url password", "git clone https://admin:", p, p, "@git.lab.internal/lab.git"); },
            r -> { String p = password(r); return new Planted("password=", "DB_PASSWORD=", p, p, ""); },
            r -> { String t = random(r, ALNUM + "-._~", 30); return new Planted("bearer", "Authorization: Bearer ", t, t, ""); },
            r -> { String t = random(r, ALNUM + "-_", 60) + "." + random(r, ALNUM + "-_", 40);
                return new Planted("jwt", "token: ", "eyJhbGciOiJSUzI1NiJ9.eyJ" + t, t, ""); },
            r -> { String t = random(r, ALNUM, 32); return new Planted("kube token", "    token: ", t, t, ""); },
            r -> { String row = random(r, KEY_CHARS, 64);
                return new Planted("private key", "-----BEGIN OPENSSH PRIVATE KEY-----\r\n", row,
                        row, "\r\n" + random(r, KEY_CHARS, 64) + "\r\n-----END OPENSSH PRIVATE KEY-----"); },
            r -> { String row = random(r, KEY_CHARS, 64);
                return new Planted("cut key block", "-----BEGIN RSA PRIVATE KEY-----\r\n", row, row, ""); },
            r -> { String p = password(r); return new Planted("typed secret", "echo later: ", p, p, " done"); },
            // Names in other spellings: the rules that ignore case must find them whatever the case, and so
            // must the trigger-word scan that decides which lines reach the rules at all.
            r -> { String p = password(r); return new Planted("Password= mixed case", "Db_PassWord=", p, p, ""); },
            r -> { String s = awsSecret(r); return new Planted("aws env mixed case", "export aws_SECRET_Access_KEY=", s, s, ""); },
            r -> { String t = random(r, ALNUM + "-._~", 30); return new Planted("BEARER upper case", "AUTHORIZATION: BEARER ", t, t, ""); },
            r -> { String t = random(r, ALNUM, 32); return new Planted("Token mixed case", "--ToKeN=", t, t, ""); },
            r -> { String s = random(r, KEY_CHARS, 80); return new Planted("client key mixed case", "    Client-Key-DATA: ", s, s, ""); },
            r -> { String p = password(r); return new Planted("MySQL mixed case", "MySQL -u root -p", p, p, " -h db"); });

    private static int cases() {
        return Integer.getInteger("labbench.maskFuzzCases", DEFAULT_CASES);
    }

    @Test
    void noSecretLeaksWhateverTheChunksLineBreaksAndColours() {
        Random random = new Random(Long.getLong("labbench.maskFuzzSeed", 20261207L));
        int cases = cases();
        int leaks = 0;
        int nextWordMasked = 0;
        List<String> examples = new ArrayList<>();
        for (int n = 0; n < cases; n++) {
            Planted planted = KINDS.get(n % KINDS.size()).apply(random);
            boolean ansi = random.nextBoolean();
            String text = plant(random, planted, ansi);
            SecretMasker masker = SecretMasker.standard();
            if (planted.kind().equals("typed secret")) {
                masker.addLiteral(planted.secret());
            }
            // Half the cases through the recorder, whose hand-off joins consecutive chunks into one batch.
            String transcript = String.join("\n", n % 4 < 2 ? throughTranscript(random, masker, text) : throughRecorder(random, masker, text));
            String exported = masker.mask(text);
            for (String result : List.of(transcript, exported)) {
                String path = result == transcript ? "transcript" : "export";
                if (leaks(result, planted.sensitive())) {
                    leaks++;
                    if (examples.size() < 5) {
                        examples.add(planted.kind() + (ansi ? " (ansi)" : "") + " in " + path + ": " + visible(text) + "\n  -> " + visible(result));
                    }
                } else if (!result.contains("after-the-secret")) {
                    // A line ending in a secret may have wrapped, so the next line's first word is masked with it;
                    // a line with text after the secret must leave the next line alone.
                    nextWordMasked++;
                    if (!planted.after().isEmpty() && examples.size() < 5) {
                        examples.add("over-masked " + planted.kind() + " in " + path + ": " + visible(text) + "\n  -> " + visible(result));
                    }
                }
            }
        }
        System.out.printf("secret masking fuzz: %d cases (%d kinds; transcript and export each), %d leaks,"
                + " %d times the next line's first word masked after a line ending in a secret%n", cases, KINDS.size(), leaks, nextWordMasked);
        assertThat(examples).as("%d leaks in %d cases", leaks, cases).isEmpty();
    }

    /**
     * Lab output around the secret's line. The secret's line is wrapped as a terminal wraps it: at a
     * random width (40 to 200 columns) chosen, with filler before the secret, so that the break falls
     * inside the secret (in two of three cases; the third is not wrapped). Colours sprinkled anywhere.
     */
    private static String plant(Random random, Planted planted, boolean ansi) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(3); i > 0; i--) {
            text.append(OUTPUT.get(random.nextInt(OUTPUT.size()))).append("\r\n");
        }
        String before = planted.before();
        int lastBreak = before.lastIndexOf('\n');
        String lineStart = before.substring(lastBreak + 1);
        String secret = planted.secret();
        int sensitiveStart = secret.indexOf(planted.sensitive());
        // A program's bare output (the secret alone on its line) starts at column 0 and wraps only past 40 columns.
        boolean bare = lineStart.isEmpty();
        String prefix = bare || random.nextBoolean() ? "" : OUTPUT.get(random.nextInt(OUTPUT.size())).strip() + " ";
        String line;
        if (bare) {
            int wrapAt = secret.length() > 41 && random.nextInt(3) > 0 ? 40 + random.nextInt(secret.length() - 41) : secret.length();
            line = secret.substring(0, wrapAt) + (wrapAt < secret.length() ? "\r\n" + secret.substring(wrapAt) : "") + planted.after();
        } else if (random.nextInt(3) == 0) {
            line = prefix + lineStart + secret + planted.after();
        } else {
            int wrapAt = sensitiveStart + 1 + random.nextInt(planted.sensitive().length() - 1);
            int width = Math.max(40 + random.nextInt(161), prefix.length() + lineStart.length() + wrapAt);
            int filler = width - (prefix.length() + lineStart.length() + wrapAt);
            String head = (prefix + " ".repeat(filler) + lineStart + secret.substring(0, wrapAt));
            line = head + "\r\n" + secret.substring(wrapAt) + planted.after();
        }
        text.append(before, 0, lastBreak + 1).append(line).append("\r\n");
        text.append("after-the-secret\r\n");
        String plain = text.toString();
        if (!ansi) {
            return plain;
        }
        StringBuilder coloured = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            if (random.nextInt(12) == 0) {
                coloured.append(COLORS[random.nextInt(COLORS.length)]);
            }
            coloured.append(plain.charAt(i));
        }
        return coloured.toString();
    }

    /** The lines a transcript records of {@code text} given in random chunks. */
    private static List<String> throughTranscript(Random random, SecretMasker masker, String text) {
        TranscriptWriter writer = new TranscriptWriter(Optional.empty(), masker, Clock.systemUTC(), 1000);
        char[] chars = text.toCharArray();
        int at = 0;
        while (at < chars.length) {
            int length = Math.min(chars.length - at, 1 + random.nextInt(24));
            writer.output(chars, at, length);
            at += length;
        }
        writer.close();
        return writer.recentLines(1000);
    }

    /** The lines a {@link TranscriptRecorder} records of {@code text} given in random chunks, in memory. */
    private static List<String> throughRecorder(Random random, SecretMasker masker, String text) {
        TranscriptRecorder recorder = new TranscriptRecorder(Optional.empty(), masker, Clock.systemUTC(), 1000);
        char[] chars = text.toCharArray();
        int at = 0;
        while (at < chars.length) {
            int length = Math.min(chars.length - at, 1 + random.nextInt(24));
            recorder.output(chars, at, length);
            at += length;
        }
        recorder.close();
        return recorder.recentLines(1000);
    }

    private static String visible(String text) {
        return text.replace("\u001b", "\\e").replace("\r", "\\r").replace("\u0007", "\\a");
    }

    private static boolean leaks(String result, String sensitive) {
        String joined = result.replace("\r", "").replace("\n", "");
        int window = Math.min(LEAK_WINDOW, sensitive.length());
        for (int i = 0; i + window <= sensitive.length(); i++) {
            if (joined.contains(sensitive.substring(i, i + window))) {
                return true;
            }
        }
        return false;
    }
}
