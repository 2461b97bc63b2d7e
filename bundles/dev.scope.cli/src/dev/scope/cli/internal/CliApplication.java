package dev.scope.cli.internal;

import java.io.PrintStream;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The headless entry point, application id {@code dev.scope.cli.app}.
 * <p>
 * The Integer returned by {@link #start} becomes the process exit code: Equinox's app
 * container stores it in the {@code eclipse.exitcode} property and the launcher's
 * {@code Main} passes that to {@code System.exit}. Stdout carries the program's output only;
 * the framework logs to the log file in the configuration area.
 */
public final class CliApplication implements IApplication {

	static final int EXIT_FAILED = 3;

	@Override
	public Object start(IApplicationContext context) {
		String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		context.applicationRunning();
		return Integer.valueOf(run(args == null ? List.of() : List.of(args), System.out));
	}

	@Override
	public void stop() {
		// start() returns as soon as its work is done: nothing to interrupt
	}

	int run(List<String> args, PrintStream out) {
		args.forEach(out::println);
		out.flush();
		return !args.isEmpty() && args.get(0).equals("fail") ? EXIT_FAILED : 0;
	}
}
