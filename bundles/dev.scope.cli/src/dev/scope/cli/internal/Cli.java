package dev.scope.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.PluginException;
import dev.scope.engine.api.PluginHistoryEntry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.PluginUpdate;
import dev.scope.schema.InvalidParameterException;
import dev.scope.schema.Json;

/**
 * The headless commands. Output meant for programs goes to {@code out}; messages and errors go
 * to {@code err}, one line each. Exit codes, one rule for every command: 0 success, 1 the command
 * failed while doing its work, 2 bad usage or bad input (anything the user gave that is wrong,
 * including a file that is missing, unreadable, damaged, not a video or not a plugin). No
 * exception class name or stack trace reaches the user; {@code SCOPE_LOG=debug} logs the trace.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final System.Logger LOG = System.getLogger(Cli.class.getName());

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
              pipelines [--json]          list the pipelines: id, name, usage, modes, plugin;
                                          (!) after a name: its estimated_vram_gb exceeds the
                                          memory of the OpenCL device in use (said on stderr)
              schemas                     print GET /api/v1/pipelines/schemas as JSON
              render --pipeline ID [--pre ID]... [--post ID]... [--frames N] [--size WxH]
                     [--mode text|video] [--set [ID:]key=value]... [--backend B] [--deadline MS]
                     --out DIR            run a chain on the test pattern, write PNG frames
              run --pipeline ID [--pre ID]... [--post ID]... [--input FILE|testsrc:WxH@FPS|webcam]
                  [--output FILE.mp4|DIR] [--set [ID:]key=value]... [--duration S] [--fast]
                  [--stats] [--loop] [--fps N] [--accept-damaged] [--backend B] [--deadline MS]
                                          stream a video through a chain (real time unless --fast)
                --backend auto|java|opencl  where stages run: auto (default) measures each stage
                                          on both paths and keeps the cheaper; java or opencl forces
                --deadline MS             a stage call running longer is abandoned and the stage
                                          bypassed (default 10000)
              probe FILE [--json] [--accept-damaged]
                                          size, frame rate, frame count and duration of a video
                                          (a damaged input, one with fewer frames than its container
                                          promises or with decode errors, exits 2 unless
                                          --accept-damaged: then a warning, and what could be read)
              plugins install SPEC        install (or replace) a plugin: a bundle JAR, a plugin
                                          project folder (the JAR in its target/), a file:,
                                          http: or https: URL, or a Maven coordinate
                                          group:artifact[:version] (Maven Central or the
                                          repositories in $SCOPE_HOME/repositories.json);
                                          what it needs comes from the OSGi indexes there
              plugins update [NAME]       install the newer build the plugin's source holds (every
                                          plugin's without NAME); running streams swap to it
              plugins reload NAME         update, or fresh instances in running streams
              plugins uninstall NAME      uninstall a plugin
              plugins disable NAME        stop a plugin without uninstalling it (remembered)
              plugins enable NAME         start a disabled plugin again
              plugins link DIR            install a plugin project and follow its builds
              plugins unlink NAME         stop following a linked plugin's folder
              plugins list [--json] [--check]
                                          list installed plugins (--check asks URL and Maven
                                          sources for updates over the network)
              plugins history             the numbered changes to the installed set
              plugins rollback N          return to the installed set after history entry N
                                          (each takes --help)
              serve [--host H] [--port N] [--token-file F] [--insecure]
                    [--tls-keystore F --tls-password-file F2] [--cloud [--allow-plugin X]...]
                    [--remote ws[s]://HOST:PORT/ws [--remote-token-file F]]
                                          serve Scope's REST API (GET /api/v1/pipelines/schemas,
                                          /api/v1/plugins, ...; /openapi.json lists them) on
                                          http://127.0.0.1:8000 until Ctrl+C; another host than
                                          loopback needs a token (from F, else printed once) and
                                          https (a PKCS12 keystore, its password in F2 or
                                          $SCOPE_TLS_PASSWORD) or --insecure; --cloud refuses
                                          plugin changes over the API but for --allow-plugin X;
                                          --remote forwards /api/v1/ to another server's relay
                                          (serve --help says more)
              --safe-mode (before the command, or alone for the workbench): start no installed
                                          plugin, for this run only
              help                        show this text

            State directory: $SCOPE_HOME (default ~/.local/share/scope).
            """;

    private static Set<String> union(Set<String> common, String... more) {
        Set<String> all = new java.util.HashSet<>(common);
        all.addAll(List.of(more));
        return all;
    }

    int run(List<String> argv) {
        if (argv.isEmpty()) {
            err.print(HELP);
            return USAGE;
        }
        String command = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        services.plugins().takeNotices().forEach(notice -> err.println("scope: warning: " + notice));
        try {
            return switch (command) {
                case "pipelines" -> pipelines(new Args(rest, Set.of(), Set.of("--json")));
                case "schemas" -> schemas(new Args(rest, Set.of(), Set.of()));
                case "render" -> new RenderCommand(services, out, err).run(new Args(rest,
                        union(ChainArgs.OPTIONS, "--frames", "--size", "--out", "--mode"),
                        Set.of()));
                case "run" -> new RunCommand(services, out, err).run(new Args(rest,
                        union(ChainArgs.OPTIONS, "--input", "--output", "--duration", "--fps"),
                        Set.of("--fast", "--stats", "--loop", "--accept-damaged")));
                case "probe" -> new ProbeCommand(services, out, err).run(new Args(rest, Set.of(),
                        Set.of("--json", "--accept-damaged")));
                case "plugins" -> plugins(rest);
                case "serve" -> new ServeCommand(services.server(), out, err).run(new Args(rest,
                        ServeCommand.OPTIONS, ServeCommand.FLAGS));
                case "help", "--help", "-h" -> {
                    out.print(HELP);
                    yield OK;
                }
                default -> throw new UsageException("unknown command '" + command
                        + "'; commands: pipelines, schemas, render, run, probe, plugins, serve, help");
            };
        } catch (BadInputException | InvalidParameterException e) {
            err.println("scope: " + e.getMessage());
            return USAGE;
        } catch (PluginException e) {
            err.println("scope: " + e.getMessage());
            return e.badInput() ? USAGE : FAILED;
        } catch (PipelineLoadException | IOException e) {
            err.println("scope: " + e.getMessage());
            return FAILED;
        } catch (OutOfMemoryError e) {
            LOG.log(System.Logger.Level.DEBUG, "out of memory", e);
            err.println("scope: " + command + " ran out of memory; give Java more with SCOPE_JAVA_OPTIONS, e.g."
                    + " -Xmx8g -XX:MaxDirectMemorySize=8g");
            return FAILED;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, command + " failed", e);
            err.println("scope: " + command + " failed: " + plain(e) + " (SCOPE_LOG=debug logs where)");
            return FAILED;
        }
    }

    /** An unexpected failure in words: its message, else its kind spelled out (no class name). */
    static String plain(Throwable e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
        }
        String kind = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return "unexpected " + kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static void noPositional(Args args, String command) {
        if (!args.positional().isEmpty()) {
            throw new UsageException(command + " takes no argument '" + args.positional().get(0) + "'");
        }
    }

    private int pipelines(Args args) {
        noPositional(args, "pipelines");
        List<PipelineInfo> pipelines = services.registry().pipelines();
        Map<String, String> vram = new LinkedHashMap<>();
        for (PipelineInfo p : pipelines) {
            services.engine().vramWarning(p).ifPresent(warning -> vram.put(p.id(), warning));
        }
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
                if (vram.containsKey(p.id())) {
                    row.put("vram_warning", vram.get(p.id()));
                }
                rows.add(row);
            }
            out.println(Json.writePretty(rows));
        } else {
            Table table = new Table("ID", "NAME", "USAGE", "MODES", "PLUGIN");
            for (PipelineInfo p : pipelines) {
                table.row(p.id(), p.name() + (vram.containsKey(p.id()) ? " " + VRAM_MARK : "")
                        + (p.available() ? "" : " (schema error: " + p.schemaError() + ")"),
                        p.usage().isEmpty() ? "main" : String.join(",", p.usage()), String.join(",", p.modes()),
                        p.pluginName() == null ? "(built-in)" : p.pluginName());
            }
            table.print(out);
        }
        vram.values().forEach(warning -> err.println("scope: warning: " + warning));
        reportFailed();
        return OK;
    }

    /** What {@code pipelines} writes after the name of a pipeline that needs more GPU memory than the device has. */
    static final String VRAM_MARK = "(!)";

    private int schemas(Args args) {
        noPositional(args, "schemas");
        out.println(Json.writePretty(services.registry().schemas()));
        reportFailed();
        return OK;
    }

    /**
     * Warns, one line each, about every plugin whose pipelines are missing from the list: one that
     * failed to resolve or start, or whose cached JAR is missing or damaged.
     */
    private void reportFailed() {
        Set<String> reported = new HashSet<>();
        try {
            for (InstalledPlugin p : services.plugins().list()) {
                if (p.error() != null && reported.add(p.name())) {
                    err.println("scope: warning: plugin " + p.name() + " " + p.version() + " " + p.state() + ": "
                            + p.error());
                }
            }
        } catch (PluginException e) {
            err.println("scope: warning: " + e.getMessage() + "; installed plugins are not loaded");
        }
        for (FailedPlugin f : services.registry().failedPlugins()) {
            if (reported.add(f.name())) {
                err.println("scope: warning: plugin " + f.name() + " " + f.version() + " failed: " + f.errorMessage());
            }
        }
    }

    /** One line of usage per plugins subcommand, for its --help and for a usage error. */
    private static final Map<String, String> PLUGIN_USAGE = pluginUsage();

    private static Map<String, String> pluginUsage() {
        Map<String, String> u = new LinkedHashMap<>();
        u.put("install", "plugins install SPEC: install (or replace) a plugin: a bundle JAR, a plugin project folder"
                + " (the JAR in its target/), a file:, http: or https: URL, or a Maven coordinate group:artifact[:version]"
                + " (from Maven Central, or the \"maven\" repositories in $SCOPE_HOME/repositories.json, its published"
                + " checksum checked); requirements the workbench lacks come from the OSGi repository indexes listed"
                + " there (\"indexes\"), installed with it");
        u.put("update", "plugins update [NAME]: install the newer build the plugin's source holds (every plugin's"
                + " without NAME); running streams, in every process, swap to it between two frames");
        u.put("reload", "plugins reload NAME: update the plugin, or give running streams fresh instances of it");
        u.put("uninstall", "plugins uninstall NAME: uninstall a plugin; stages running it pass their frames through");
        u.put("disable", "plugins disable NAME: stop a plugin without uninstalling it, remembered across restarts");
        u.put("enable", "plugins enable NAME: start a disabled plugin again");
        u.put("link", "plugins link DIR: install a plugin project folder and follow it: each new build in its"
                + " target/ is swapped into running streams");
        u.put("unlink", "plugins unlink NAME: stop following a linked plugin's folder (it stays installed)");
        u.put("list", "plugins list [--json] [--check]: list installed plugins, with their sources, dependencies,"
                + " updates available and leaks; URL and Maven sources show what the last check found, --check asks"
                + " them again over the network");
        u.put("history", "plugins history: the numbered changes to the installed set");
        u.put("rollback", "plugins rollback N: return to the installed set after history entry N");
        return u;
    }

    private int plugins(List<String> rest) throws IOException {
        String subcommands = String.join(", ", PLUGIN_USAGE.keySet());
        if (rest.isEmpty()) {
            throw new UsageException("plugins needs a subcommand: " + subcommands + " (each takes --help)");
        }
        String sub = rest.get(0);
        if (!PLUGIN_USAGE.containsKey(sub)) {
            throw new UsageException("unknown plugins subcommand '" + sub + "'; expected " + subcommands);
        }
        Args args = new Args(rest.subList(1, rest.size()), Set.of(),
                sub.equals("list") ? Set.of("--json", "--check", "--help") : Set.of("--help"));
        if (args.flag("--help")) {
            out.println("usage: scope " + PLUGIN_USAGE.get(sub));
            return OK;
        }
        PluginManager plugins = services.plugins();
        switch (sub) {
            case "install" -> {
                String spec = single(args, "plugins install", "SPEC: a plugin bundle JAR, a plugin project folder, a"
                        + " URL or a Maven coordinate group:artifact[:version]");
                Downloads downloads = new Downloads(err, "1".equals(System.getenv("SCOPE_TTY")));
                InstalledPlugin p;
                try {
                    p = plugins.install(spec, downloads);
                } finally {
                    downloads.clear();
                }
                downloads.report();
                return installed("installed", p);
            }
            case "link" -> {
                String path = single(args, "plugins link", "DIR, a plugin project folder");
                InstalledPlugin p = plugins.link(Path.of(path));
                out.println("following " + p.linked() + " (each new build in its target/ is swapped in)");
                return installed("linked", p);
            }
            case "update" -> {
                if (args.positional().size() > 1) {
                    throw new UsageException("plugins update takes at most one argument: NAME of an installed plugin");
                }
                List<PluginUpdate> updates = args.positional().isEmpty() ? plugins.updateAll()
                        : List.of(plugins.update(args.positional().get(0)));
                if (updates.isEmpty()) {
                    err.println("no plugins installed (state directory " + plugins.home() + ")");
                }
                boolean failed = false;
                for (PluginUpdate u : updates) {
                    out.println(u.changed() ? "updated " + u.name() + " " + u.fromVersion() + " -> " + u.toVersion()
                            : u.notes().isEmpty() ? u.name() + " " + u.toVersion() + " is up to date"
                                    : u.name() + " " + u.toVersion() + " was not updated");
                    if (!u.changed() && !u.notes().isEmpty()) {
                        failed = true;
                        u.notes().forEach(n -> err.println("scope: " + n));
                    } else {
                        u.notes().forEach(n -> out.println("  " + n));
                    }
                }
                return failed ? FAILED : OK;
            }
            case "reload" -> {
                PluginUpdate u = plugins.reload(single(args, "plugins reload", "NAME of an installed plugin"));
                out.println(u.changed() ? "updated " + u.name() + " " + u.fromVersion() + " -> " + u.toVersion()
                        : "reloaded " + u.name() + " " + u.toVersion());
                u.notes().forEach(n -> out.println("  " + n));
                return OK;
            }
            case "disable", "enable" -> {
                String name = single(args, "plugins " + sub, "NAME of an installed plugin");
                InstalledPlugin p = sub.equals("disable") ? plugins.disable(name) : plugins.enable(name);
                out.println(sub + "d " + p.name() + " " + p.version() + " (" + p.state() + ")");
                if (sub.equals("enable") && p.error() != null) {
                    err.println("scope: plugin " + p.name() + ": " + p.error());
                    return FAILED;
                }
                return OK;
            }
            case "unlink" -> {
                InstalledPlugin p = plugins.unlink(single(args, "plugins unlink", "NAME of a linked plugin"));
                out.println("unlinked " + p.name() + " " + p.version() + " (it stays installed)");
                return OK;
            }
            case "history" -> {
                noPositional(args, "plugins history");
                List<PluginHistoryEntry> entries = plugins.history();
                if (entries.isEmpty()) {
                    err.println("no history yet (state directory " + plugins.home() + ")");
                }
                Table table = new Table("N", "WHEN", "ACTION", "WHAT", "INSTALLED AFTER");
                for (PluginHistoryEntry e : entries) {
                    table.row(Integer.toString(e.number()), e.at(), e.action(), e.summary(),
                            e.plugins().isEmpty() ? "(none)" : String.join(", ", e.plugins()));
                }
                if (!entries.isEmpty()) {
                    table.print(out);
                }
                return OK;
            }
            case "rollback" -> {
                String n = single(args, "plugins rollback", "N, a history entry number (see scope plugins history)");
                int number;
                try {
                    number = Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    throw new UsageException("plugins rollback: '" + n + "' is not a history entry number; expected"
                            + " a number from scope plugins history");
                }
                List<String> changes = plugins.rollback(number);
                out.println("rolled back to history entry " + number + (changes.isEmpty() ? " (nothing changed)" : ""));
                changes.forEach(c -> out.println("  " + c));
                return OK;
            }
            case "list" -> {
                noPositional(args, "plugins list");
                List<String> unchecked = args.flag("--check") ? plugins.checkUpdates() : List.of();
                unchecked.forEach(line -> err.println("scope: warning: " + line));
                List<InstalledPlugin> list = plugins.list();
                if (args.flag("--json")) {
                    List<Object> rows = new ArrayList<>();
                    for (InstalledPlugin p : list) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("name", p.name());
                        row.put("version", p.version());
                        row.put("state", p.state());
                        row.put("error", p.error());
                        row.put("pipelines", p.pipelines());
                        row.put("sha256", p.sha256());
                        row.put("source", p.source());
                        row.put("source_kind", p.sourceKind());
                        row.put("dependencies", p.dependencies().stream().map(d -> {
                            Map<String, Object> dep = new LinkedHashMap<>();
                            dep.put("name", d.name());
                            dep.put("version", d.version());
                            dep.put("source", d.source());
                            dep.put("needed_by", d.neededBy());
                            return dep;
                        }).toList());
                        row.put("installed_at", p.installedAt());
                        row.put("enabled", p.enabled());
                        row.put("linked", p.linked());
                        row.put("update_available", p.updateAvailable());
                        row.put("leaked", p.leaked());
                        rows.add(row);
                    }
                    out.println(Json.writePretty(rows));
                } else if (list.isEmpty()) {
                    err.println("no plugins installed (state directory " + plugins.home() + ")");
                } else {
                    Table table = new Table("NAME", "VERSION", "STATE", "PIPELINES", "NEEDS", "FROM", "SOURCE");
                    for (InstalledPlugin p : list) {
                        String state = p.state() + (p.leaked() ? ", leaked (an old version is still in memory;"
                                + " a restart frees it)" : "") + (p.updateAvailable() != null ? ", update available: "
                                        + p.updateAvailable() : "") + (p.error() == null ? "" : ": " + p.error());
                        table.row(p.name(), p.version(), state, String.join(",", p.pipelines()), needs(p), p.sourceKind(),
                                p.source() + (p.linked() != null ? " (linked)" : ""));
                    }
                    table.print(out);
                }
                if (plugins.safeMode()) {
                    err.println("scope: safe mode: installed plugins are not started in this run");
                }
                return unchecked.isEmpty() ? OK : FAILED;
            }
            default -> {
                InstalledPlugin p = plugins.uninstall(single(args, "plugins uninstall", "NAME of an installed plugin"));
                out.println("uninstalled " + p.name() + " " + p.version());
                return OK;
            }
        }
    }

    /** @return a plugin's dependencies in a table cell: {@code lib 1.0.0 (shared), other 2.1.0} */
    private static String needs(InstalledPlugin p) {
        return String.join(", ", p.dependencies().stream().map(d -> d.name() + " " + d.version()
                + (d.neededBy().size() > 1 ? " (shared)" : "")).toList());
    }

    private int installed(String verb, InstalledPlugin p) {
        out.println(verb + " " + p.name() + " " + p.version() + " (" + p.state() + "), pipelines: "
                + (p.pipelines().isEmpty() ? "(none)" : String.join(", ", p.pipelines())));
        p.dependencies().forEach(d -> out.println("  with " + d.name() + " " + d.version() + " from " + d.source()
                + (d.neededBy().size() > 1 ? " (also needed by " + String.join(", ", d.neededBy().stream()
                        .filter(n -> !n.equals(p.name())).toList()) + ")" : "")));
        if (p.error() != null) {
            err.println("scope: plugin " + p.name() + " is installed but failed: " + p.error());
            return FAILED;
        }
        return OK;
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
