package dev.scope.plugins.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.scope.engine.api.PluginException;

/**
 * A Maven coordinate {@code group:artifact[:version]} of a JAR, and Maven's order of versions.
 *
 * @param group the group id
 * @param artifact the artifact id
 * @param version the version, or {@code null} for the newest release
 */
record Coordinate(String group, String artifact, String version) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.\\-+]+");
    static final String EXPECTED = "expected group:artifact or group:artifact:version (e.g."
            + " org.example:my-plugin:1.2.0; letters, digits, '.', '-' and '_')";

    /**
     * @param text {@code group:artifact} or {@code group:artifact:version}
     * @throws PluginException (invalid) naming what is wrong with it
     */
    static Coordinate parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw invalid("'" + text + "' is not a Maven coordinate: it has " + parts.length + " part"
                    + (parts.length == 1 ? "" : "s") + "; " + EXPECTED);
        }
        String[] names = {"group", "artifact", "version"};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw invalid("'" + text + "' is not a Maven coordinate: its " + names[i] + " is empty; " + EXPECTED);
            }
            if (!(i == 2 ? VERSION : PART).matcher(parts[i]).matches()) {
                throw invalid("'" + text + "' is not a Maven coordinate: its " + names[i] + " '" + parts[i]
                        + "' holds a character a Maven " + names[i] + " cannot; " + EXPECTED);
            }
        }
        return new Coordinate(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** @return whether the text has a coordinate's shape (two or three parts, no slash) */
    static boolean looksLike(String text) {
        return text.indexOf(':') > 0 && text.indexOf('/') < 0 && text.indexOf('\\') < 0;
    }

    Coordinate withVersion(String v) {
        return new Coordinate(group, artifact, v);
    }

    /** @return the artifact's folder in a repository, relative, ending with a slash */
    String folder() {
        return group.replace('.', '/') + "/" + artifact + "/";
    }

    /** @return the JAR's path in a repository, relative */
    String jarPath() {
        return folder() + version + "/" + artifact + "-" + version + ".jar";
    }

    @Override
    public String toString() {
        return group + ":" + artifact + (version == null ? "" : ":" + version);
    }

    /** @return whether a version is a release (not a {@code -SNAPSHOT}) */
    static boolean release(String v) {
        return !v.toUpperCase(Locale.ROOT).endsWith("SNAPSHOT");
    }

    /**
     * Compares versions as Maven does, closely enough for picking the newest release: numbers
     * compare as numbers ({@code 1.10 > 1.9}), trailing zeros do not count ({@code 1.0 = 1}),
     * and qualifiers order as alpha &lt; beta &lt; milestone &lt; rc &lt; snapshot &lt; (release) &lt; sp
     * &lt; any other, which compare as text.
     */
    static int compareVersions(String a, String b) {
        List<Object> x = items(a);
        List<Object> y = items(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int c = compareItems(i < x.size() ? x.get(i) : null, i < y.size() ? y.get(i) : null);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<Object> items(String version) {
        List<Object> items = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        String v = version.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= v.length(); i++) {
            char c = i < v.length() ? v.charAt(i) : '.';
            boolean separator = c == '.' || c == '-' || c == '_' || c == '+';
            boolean boundary = !token.isEmpty() && !separator
                    && Character.isDigit(c) != Character.isDigit(token.charAt(token.length() - 1));
            if (separator || boundary) {
                if (!token.isEmpty()) {
                    items.add(item(token.toString()));
                    token.setLength(0);
                }
            }
            if (!separator) {
                token.append(c);
            }
        }
        return items;
    }

    private static Object item(String token) {
        if (Character.isDigit(token.charAt(0))) {
            return new java.math.BigInteger(token);
        }
        return token;
    }

    private static int compareItems(Object p, Object q) {
        if (p == null && q == null) {
            return 0;
        }
        if (p == null) {
            return -compareItems(q, null);
        }
        if (p instanceof java.math.BigInteger n) {
            if (q == null) {
                return n.signum() == 0 ? 0 : 1;
            }
            return q instanceof java.math.BigInteger m ? n.compareTo(m) : 1;
        }
        String s = (String) p;
        if (q instanceof java.math.BigInteger) {
            return -1;
        }
        String t = q == null ? "" : (String) q;
        int c = Integer.compare(rank(s), rank(t));
        return c != 0 ? c : rank(s) == OTHER ? s.compareTo(t) : 0;
    }

    private static final int OTHER = 7;

    private static int rank(String qualifier) {
        return switch (qualifier) {
            case "alpha", "a" -> 0;
            case "beta", "b" -> 1;
            case "milestone", "m" -> 2;
            case "rc", "cr" -> 3;
            case "snapshot" -> 4;
            case "", "ga", "final", "release" -> 5;
            case "sp" -> 6;
            default -> OTHER;
        };
    }

    private static PluginException invalid(String message) {
        return new PluginException(PluginException.Kind.INVALID, message);
    }
}
