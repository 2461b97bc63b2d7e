package dev.scope.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.server.ApiServer;
import dev.scope.server.ServeException;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

/**
 * {@code scope serve}: Scope's REST API over this process's registry, engine and plugins until
 * SIGINT or SIGTERM (exit 130 / 143). Loopback by default; any other address needs a bearer token
 * (from {@code --token-file}, else generated and printed once) and https ({@code --tls-keystore})
 * or {@code --insecure}. {@code --cloud} fixes the installed plugins but for {@code --allow-plugin}.
 */
final class ServeCommand {

    static final int DEFAULT_PORT = 8000;

    /** The environment variable holding the keystore's password when no --tls-password-file is given. */
    static final String PASSWORD_VARIABLE = "SCOPE_TLS_PASSWORD";

    static final Set<String> OPTIONS = Set.of("--host", "--port", "--token-file", "--tls-keystore", "--tls-password-file",
            "--allow-plugin", "--remote", "--remote-token-file");
    static final Set<String> FLAGS = Set.of("--insecure", "--cloud", "--help");

    static final String USAGE = """
            usage: scope serve [--host H] [--port N] [--token-file F] [--insecure]
                               [--tls-keystore F --tls-password-file F2] [--cloud [--allow-plugin X]...]
                               [--remote ws[s]://HOST:PORT/ws [--remote-token-file F]]
            Serves Scope's REST API (/openapi.json lists it) until Ctrl+C.
              --host H               the address to listen on (default 127.0.0.1); another than loopback
                                     needs a bearer token and https, or --insecure
              --port N               the TCP port (default 8000; 0: a free one, which the line says)
              --token-file F         the bearer token every request but GET /health must carry; off
                                     loopback without it, a new one is printed once
              --insecure             serve plain HTTP off loopback: the token crosses the network in clear
              --tls-keystore F       serve https with the key and certificate of the PKCS12 keystore F
              --tls-password-file F2 the keystore's password, on the first line of F2; without it, the
                                     environment variable SCOPE_TLS_PASSWORD (the file wins when both are set)
              --cloud                cloud mode: installing, uninstalling and reloading plugins over the API
                                     is refused (403); GET /health says so in its capabilities
              --allow-plugin X       in cloud mode, X may still change: a plugin name (its uninstall and
                                     reload) or a package source as POST /api/v1/plugins takes it (its
                                     install too); repeat for more
              --remote URL           dual mode: forward every /api/v1/ request to the server at URL (its
                                     relay, ws://host:port/ws or wss://...) while connected, and answer
                                     here while not; GET /health says which in capabilities.remote
              --remote-token-file F  the remote's bearer token, on the first line of F
            """;

    private final Supplier<ApiServer> server;
    private final PrintStream out;
    private final PrintStream err;

    ServeCommand(Supplier<ApiServer> server, PrintStream out, PrintStream err) {
        this.server = server;
        this.out = out;
        this.err = err;
    }

    int run(Args args) throws IOException {
        if (args.flag("--help")) {
            out.print(USAGE);
            return Cli.OK;
        }
        if (!args.positional().isEmpty()) {
            throw new UsageException("serve takes no argument '" + args.positional().get(0) + "'");
        }
        String host = args.one("--host", "127.0.0.1");
        int port = port(args.one("--port", Integer.toString(DEFAULT_PORT)));
        String tokenFile = args.one("--token-file", null);
        boolean loopback = loopback(host);
        String token = tokenFile != null ? readToken(Path.of(tokenFile)) : loopback ? null : newToken();
        ServeOptions options = new ServeOptions(host, port, token, ServeOptions.DEFAULT_MAX_REQUEST_BYTES);
        options = remote(args, cloud(args, tls(args, options)));
        if (args.flag("--insecure")) {
            options = options.withInsecure();
        }
        Serving serving;
        try {
            serving = server.get().serve(options);
        } catch (ServeException e) {
            err.println("scope: " + e.getMessage() + (e.kind() == ServeException.Kind.KEYSTORE_PASSWORD
                    ? " (the password came from " + passwordSource(args) + ")" : ""));
            return e.badInput() ? Cli.USAGE : Cli.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(serving::close, "scope-serve-shutdown"));
        err.println("scope: serving " + serving.uri() + " (Ctrl+C stops)");
        if (tokenFile == null && token != null) {
            err.println("scope: token (send 'Authorization: Bearer TOKEN'; shown only now): " + token);
        }
        err.flush();
        try {
            new CountDownLatch(1).await(); // until a signal ends the process; the hook stops the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            serving.close();
        }
        return Cli.OK;
    }

    /** The keystore and its password: --tls-password-file, else $SCOPE_TLS_PASSWORD. */
    private static ServeOptions tls(Args args, ServeOptions options) {
        String keystore = args.one("--tls-keystore", null);
        String passwordFile = args.one("--tls-password-file", null);
        if (keystore == null) {
            if (passwordFile != null) {
                throw new UsageException("--tls-password-file goes with --tls-keystore F, the keystore it opens");
            }
            return options;
        }
        String password = passwordFile != null ? readPassword(Path.of(passwordFile)) : System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new UsageException("--tls-keystore " + keystore + " needs its password: on the first line of a file"
                    + " given with --tls-password-file, or in the environment variable " + PASSWORD_VARIABLE);
        }
        return options.withTls(Path.of(keystore), password);
    }

    private static String passwordSource(Args args) {
        String file = args.one("--tls-password-file", null);
        return file != null ? "--tls-password-file " + file : PASSWORD_VARIABLE;
    }

    private static ServeOptions cloud(Args args, ServeOptions options) {
        List<String> allowed = args.all("--allow-plugin");
        if (!args.flag("--cloud")) {
            if (!allowed.isEmpty()) {
                throw new UsageException("--allow-plugin goes with --cloud (without it, every plugin may be installed)");
            }
            return options;
        }
        for (String entry : allowed) {
            if (entry.isBlank()) {
                throw new UsageException("--allow-plugin needs a plugin name or a package source, not '" + entry + "'");
            }
        }
        return options.withCloud(allowed);
    }

    /** Dual mode: {@code --remote URL} and its token. */
    private static ServeOptions remote(Args args, ServeOptions options) {
        String url = args.one("--remote", null);
        String tokenFile = args.one("--remote-token-file", null);
        if (url == null) {
            if (tokenFile != null) {
                throw new UsageException("--remote-token-file is the token of a --remote server; give --remote too");
            }
            return options;
        }
        URI relay;
        try {
            relay = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new UsageException("--remote " + url + " is not a valid address; expected ws://host:port/ws or"
                    + " wss://host:port/ws");
        }
        String token = tokenFile == null ? null : readToken(Path.of(tokenFile), "--remote-token-file");
        try {
            return options.withRemote(relay, token);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--remote " + url + " is not a WebSocket address; expected ws://host:port/ws or"
                    + " wss://host:port/ws");
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--port " + text + " is not valid; expected a TCP port from 1 to 65535 (0: any free one)");
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--host " + host + " cannot be resolved; expected an address of this machine such"
                    + " as 127.0.0.1");
        }
    }

    private static String readToken(Path file) {
        return readToken(file, "--token-file");
    }

    private static String readToken(Path file, String option) {
        try {
            return dev.scope.server.client.TokenFile.read(file, option);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The first line as it is (a password may hold spaces), without its line end. */
    private static String readPassword(Path file) {
        String password = readFile("--tls-password-file", file, "the keystore's password").lines().findFirst().orElse("");
        if (password.isEmpty()) {
            throw new UsageException("--tls-password-file " + file + " has no password; expected the keystore's password"
                    + " on its first line");
        }
        return password;
    }

    private static String readFile(String option, Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(option + " " + file + " cannot be read (" + (Files.exists(file) ? "unreadable"
                    : "no such file") + "); expected a file holding " + what);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
