package dev.scope.plugins.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/** Requirements in words, as a refusal names them: {@code package foo.bar [1.2,2)}. */
final class Requirements {

    private static final Pattern BOUND = Pattern.compile("(\\(!)?\\(([\\w.\\-]+)(>=|<=|=)([^)(]*)\\)\\)?");

    private Requirements() {
    }

    /**
     * @param r a requirement
     * @param written the version range as the requirer's manifest writes it, or {@code null} to
     *        read it from the filter ({@code "0.0.0"} means any version)
     */
    static String describe(Requirement r, String written) {
        String ns = r.getNamespace();
        return switch (ns) {
            case PackageNamespace.PACKAGE_NAMESPACE -> "package " + Dependencies.value(r, ns)
                    + range(r, PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, written);
            case BundleNamespace.BUNDLE_NAMESPACE -> "bundle " + Dependencies.value(r, ns)
                    + range(r, BundleNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, null);
            case IdentityNamespace.IDENTITY_NAMESPACE -> "bundle " + Dependencies.value(r, ns)
                    + range(r, IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE, null);
            case ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE -> "the execution environment "
                    + Dependencies.value(r, ns) + range(r, ExecutionEnvironmentNamespace.CAPABILITY_VERSION_ATTRIBUTE,
                            null);
            case "osgi.extender" -> "the extender " + Dependencies.value(r, ns) + range(r, "version", null);
            case "osgi.service" -> "the service " + Dependencies.value(r, "objectClass");
            default -> "a capability " + ns + " " + r.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE,
                    "(any)");
        };
    }

    /** @return {@code " [1.2,2)"}, {@code " 1.2.0 or later"}, {@code " 21"}, or {@code ""} for any version */
    static String range(Requirement r, String attribute, String written) {
        if (written != null) {
            return written.equals("0.0.0") ? "" : " " + written;
        }
        String filter = r.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String low = null;
        String high = null;
        char open = '[';
        char close = ')';
        Matcher m = BOUND.matcher(filter);
        while (m.find()) {
            if (!m.group(2).equals(attribute)) {
                continue;
            }
            boolean not = m.group(1) != null;
            String op = m.group(3);
            String v = m.group(4);
            if (op.equals("=") && !not) {
                return " " + v;
            }
            if (op.equals(">=") && !not || op.equals("<=") && not) {
                low = v;
                open = not ? '(' : '[';
            } else if (op.equals("<=") || op.equals(">=")) {
                high = v;
                close = not ? ')' : ']';
            }
        }
        if (low == null && high == null) {
            return "";
        }
        if (high == null) {
            return " " + low + " or later";
        }
        return " " + open + (low == null ? "0.0.0" : low) + "," + high + close;
    }
}
