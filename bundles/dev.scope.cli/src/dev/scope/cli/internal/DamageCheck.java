package dev.scope.cli.internal;

import java.io.PrintStream;
import java.util.Optional;

import dev.scope.engine.api.FrameSource;

/**
 * What {@code run} and {@code probe} do with an input that turned out damaged
 * ({@link FrameSource#damage()}, asked once it ended): refuse it (exit 2) unless
 * {@value #FLAG} is given, then warn and go on. Both lines go to stderr; stdout stays the command's.
 */
final class DamageCheck {

    static final String FLAG = "--accept-damaged";

    private DamageCheck() {
    }

    /**
     * @param source the input, after it ended (or {@code null} in text mode)
     * @param args the command's arguments
     * @param err where the line goes
     * @return whether the command must end with {@link Cli#USAGE}: the input is damaged and {@value #FLAG}
     *         was not given (the line is printed); {@code false} for a whole input, or after the warning
     */
    static boolean refuse(FrameSource source, Args args, PrintStream err) {
        Optional<String> damage = source == null ? Optional.empty() : source.damage();
        if (damage.isEmpty()) {
            return false;
        }
        if (args.flag(FLAG)) {
            err.println("scope: warning: " + damage.get());
            return false;
        }
        err.println("scope: " + damage.get() + "; pass " + FLAG + " to use what could be read");
        return true;
    }
}
