package dev.scope.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.PluginException;
import dev.scope.schema.Json;

/**
 * The headless commands. Output meant for programs goes to {@code out}; messages and errors go
 * to {@code err}. Exit codes: 0 success, 1 the command failed, 2 bad usage or input.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final CliServices services;
    private final PrintStream out;
    private final PrintStream err;

    Cli(CliServices services, PrintStream out, PrintStream err) {
        this.services = services;
        this.out = out;
        this.err = err;
    }

    static final String HELP = """
            Usage: scope <command> [options]

            Commands:
              pipelines [--json]          list the pipelines: id, name, usage, modes, plugin
              schemas                     print GET /api/v1/pipelines/schemas as JSON
              render --pipeline ID [--pre ID]... [--post ID]... [--frames N] [--size WxH]
                     [--mode text|video] [--set [ID:]key=value]... --out DIR
                                          run a chain on the test pattern, write PNG frames
              run --pipeline ID [--pre ID]... [--post ID]... [--input FILE|testsrc:WxH@FPS|webcam]
                  [--output FILE.mp4|DIR] [--set [ID:]key=value]... [--duration S] [--fast]
                  [--stats] [--loop] [--fps N] [--accept-damaged]
                                          stream a video through a chain (real time unless --fast)
              probe FILE [--json] [--accept-damaged]
                                          size, frame rate, frame count and duration of a video
                                          (a damaged input, one with fewer frames than its container
                                          promises or with decode errors, exits 2 unless
                                          --accept-damaged: then a warning, and what could be read)
              plugins install PATH        install (or replace) a plugin bundle JAR
              plugins list [--json]       list installed plugins
              plugins uninstall NAME      uninstall a plugin
              help                        show this text

            State directory: $SCOPE_HOME (default ~/.local/share/scope).
            """;

    int run(List<String> argv) {
        if (argv.isEmpty()) {
            err.print(HELP);
            return USAGE;
        }
        String command = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        try {
            return switch (command) {
                case "pipelines" -> pipelines(new Args(rest, Set.of(), Set.of("--json")));
                case "schemas" -> schemas(new Args(rest, Set.of(), Set.of()));
                case "render" -> new RenderCommand(services, out, err).run(new Args(rest,
                        Set.of("--pipeline", "--pre", "--post", "--frames", "--size", "--set", "--out", "--mode"),
                        Set.of()));
                case "run" -> new RunCommand(services, out, err).run(new Args(rest,
                        Set.of("--pipeline", "--pre", "--post", "--input", "--output", "--set", "--duration", "--fps"),
                        Set.of("--fast", "--stats", "--loop", "--accept-damaged")));
                case "probe" -> new ProbeCommand(services, out, err).run(new Args(rest, Set.of(),
                        Set.of("--json", "--accept-damaged")));
                case "plugins" -> plugins(rest);
                case "help", "--help", "-h" -> {
                    out.print(HELP);
                    yield OK;
                }
                default -> throw new UsageException("unknown command '" + command
                        + "'; commands: pipelines, schemas, render, run, probe, plugins, help");
            };
        } catch (UsageException e) {
            err.println("scope: " + e.getMessage());
            return USAGE;
        } catch (PluginException | PipelineLoadException e) {
            err.println("scope: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("scope: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("scope: " + e.getMessage());
            return FAILED;
        }
    }

    private static void noPositional(Args args, String command) {
        if (!args.positional().isEmpty()) {
            throw new UsageException(command + " takes no argument '" + args.positional().get(0) + "'");
        }
    }

    private int pipelines(Args args) {
        noPositional(args, "pipelines");
        List<PipelineInfo> pipelines = services.registry().pipelines();
        if (args.flag("--json")) {
            List<Object> rows = new ArrayList<>();
            for (PipelineInfo p : pipelines) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", p.id());
                row.put("name", p.name());
                row.put("usage", p.usage());
                row.put("modes", p.modes());
                row.put("plugin", p.pluginName());
                if (!p.available()) {
                    row.put("schema_error", p.schemaError());
                }
                rows.add(row);
            }
            out.println(Json.writePretty(rows));
        } else {
            Table table = new Table("ID", "NAME", "USAGE", "MODES", "PLUGIN");
            for (PipelineInfo p : pipelines) {
                table.row(p.id(), p.name() + (p.available() ? "" : " (schema error: " + p.schemaError() + ")"),
                        p.usage().isEmpty() ? "main" : String.join(",", p.usage()), String.join(",", p.modes()),
                        p.pluginName() == null ? "(built-in)" : p.pluginName());
            }
            table.print(out);
        }
        reportFailed();
        return OK;
    }

    private int schemas(Args args) {
        noPositional(args, "schemas");
        out.println(Json.writePretty(services.registry().schemas()));
        reportFailed();
        return OK;
    }

    private void reportFailed() {
        for (FailedPlugin f : services.registry().failedPlugins()) {
            err.println("scope: warning: plugin " + f.name() + " " + f.version() + " failed: " + f.errorType() + ": "
                    + f.errorMessage());
        }
    }

    private int plugins(List<String> rest) throws IOException {
        if (rest.isEmpty()) {
            throw new UsageException("plugins needs a subcommand: install PATH, list [--json], uninstall NAME");
        }
        String sub = rest.get(0);
        Args args = new Args(rest.subList(1, rest.size()), Set.of(), sub.equals("list") ? Set.of("--json") : Set.of());
        switch (sub) {
            case "install" -> {
                String path = single(args, "plugins install", "PATH of a plugin bundle JAR");
                InstalledPlugin p = services.plugins().install(Path.of(path));
                out.println("installed " + p.name() + " " + p.version() + " (" + p.state() + "), pipelines: "
                        + (p.pipelines().isEmpty() ? "(none)" : String.join(", ", p.pipelines())));
                if (p.error() != null) {
                    err.println("scope: plugin " + p.name() + " is installed but failed: " + p.error());
                    return FAILED;
                }
                return OK;
            }
            case "list" -> {
                noPositional(args, "plugins list");
                List<InstalledPlugin> plugins = services.plugins().list();
                if (args.flag("--json")) {
                    List<Object> rows = new ArrayList<>();
                    for (InstalledPlugin p : plugins) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("name", p.name());
                        row.put("version", p.version());
                        row.put("state", p.state());
                        row.put("error", p.error());
                        row.put("pipelines", p.pipelines());
                        row.put("sha256", p.sha256());
                        row.put("source", p.source());
                        row.put("installed_at", p.installedAt());
                        rows.add(row);
                    }
                    out.println(Json.writePretty(rows));
                } else if (plugins.isEmpty()) {
                    err.println("no plugins installed (state directory " + services.plugins().home() + ")");
                } else {
                    Table table = new Table("NAME", "VERSION", "STATE", "PIPELINES", "SOURCE");
                    for (InstalledPlugin p : plugins) {
                        table.row(p.name(), p.version(), p.error() == null ? p.state() : p.state() + ": " + p.error(),
                                String.join(",", p.pipelines()), p.source());
                    }
                    table.print(out);
                }
                return OK;
            }
            case "uninstall" -> {
                String name = single(args, "plugins uninstall", "NAME of an installed plugin");
                InstalledPlugin p = services.plugins().uninstall(name);
                out.println("uninstalled " + p.name() + " " + p.version());
                return OK;
            }
            default -> throw new UsageException("unknown plugins subcommand '" + sub
                    + "'; expected install PATH, list [--json], uninstall NAME");
        }
    }

    private static String single(Args args, String command, String what) {
        if (args.positional().size() != 1) {
            throw new UsageException(command + " needs exactly one argument: " + what);
        }
        return args.positional().get(0);
    }

    /** Plain aligned columns. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void print(PrintStream out) {
            int[] widths = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    widths[i] = Math.max(widths[i], r[i] == null ? 0 : r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    String cell = r[i] == null ? "" : r[i];
                    line.append(i == r.length - 1 ? cell : String.format("%-" + (widths[i] + 2) + "s", cell));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
