package dev.scope.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.scope.engine.api.BadInputException;

/**
 * A small parser for {@code --name value}, {@code --name=value}, repeated options and flags.
 * Everything else is a positional argument.
 */
final class Args {

    private final List<String> positional = new ArrayList<>();
    private final List<String[]> options = new ArrayList<>();

    /**
     * @param args the arguments after the command
     * @param valued options that take a value
     * @param flags options without a value
     * @throws UsageException for an unknown option or a missing value
     */
    Args(List<String> args, Set<String> valued, Set<String> flags) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.equals("--")) {
                positional.add(a);
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                options.add(new String[] {name, "true"});
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.add(new String[] {name, value});
            } else {
                List<String> known = new ArrayList<>(valued);
                known.addAll(flags);
                known.sort(null);
                throw new UsageException("unknown option " + name + "; options here: " + String.join(", ", known));
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    boolean flag(String name) {
        return options.stream().anyMatch(o -> o[0].equals(name));
    }

    List<String> all(String name) {
        return options.stream().filter(o -> o[0].equals(name)).map(o -> o[1]).toList();
    }

    String one(String name, String fallback) {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw new UsageException(name + " is given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? fallback : values.get(0);
    }

    int positiveInt(String name, int fallback, int max) {
        String v = one(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 1 || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " " + v + " is not valid; expected a whole number from 1 to " + max);
        }
    }

    /** Thrown for bad command-line usage; exit code 2, as for all bad input. */
    static final class UsageException extends BadInputException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
