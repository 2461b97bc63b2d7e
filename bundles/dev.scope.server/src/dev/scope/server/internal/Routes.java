package dev.scope.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.PluginException;
import dev.scope.engine.api.UnknownPipelineException;

/**
 * The route table: finds the route of a method and path and calls it through one guard that turns
 * every refusal into Scope's {@code {"detail": ...}} with its status. What a client sent never
 * yields a 500; an unexpected failure of the server's own code does, with its message only (the
 * stack trace goes to the debug log).
 *
 * <p>Built once, then read-only: thread-safe.
 */
final class Routes {

    private static final System.Logger LOG = System.getLogger(Routes.class.getName());

    private final List<Route> routes = new ArrayList<>();
    private volatile Forwarder forwarder;

    /** Dual mode's other server: where {@code /api/v1/} requests go while it is connected. */
    interface Forwarder {
        /** @return whether requests are forwarded now */
        boolean active();

        /** @return the other server's answer; throws {@link ApiException} when it cannot be had */
        ApiReply forward(ApiRequest request);
    }

    /** Forwards every {@code /api/v1/} request to {@code f} while it is active (dual mode). */
    void forwardTo(Forwarder f) {
        forwarder = f;
    }

    /**
     * Answers a request: forwarded in dual mode (every {@code /api/v1/} route, while the remote is
     * connected), else by its route. Every exception becomes a reply. HTTP and the relay answer
     * through here, so both see the same.
     */
    ApiReply answer(Match match, ApiRequest request) {
        Forwarder f = forwarder;
        if (f != null && match.route().template().startsWith("/api/v1/") && f.active()) {
            try {
                return f.forward(request);
            } catch (RuntimeException e) {
                return refusal(e, request);
            }
        }
        return call(match, request);
    }

    Routes add(Route route) {
        for (Route r : routes) {
            if (r.method().equals(route.method()) && r.template().equals(route.template())) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + route.template());
            }
        }
        routes.add(route);
        return this;
    }

    List<Route> all() {
        return List.copyOf(routes);
    }

    /** @return whether the table has a route of that method and template */
    boolean has(String method, String template) {
        return routes.stream().anyMatch(r -> r.method().equals(method) && r.template().equals(template));
    }

    /** A route found for a request, with its path parameters. */
    record Match(Route route, Map<String, String> pathParams) {
    }

    /**
     * @return the route for the method and path
     * @throws ApiException 404 when no route has the path, 405 (with the allowed methods) when
     *         routes have the path but not the method
     */
    Match find(String method, String path) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Optional<Map<String, String>> values = r.match(path);
            if (values.isPresent()) {
                if (r.method().equals(method)) {
                    return new Match(r, values.get());
                }
                allowed.add(r.method());
            }
        }
        if (allowed.isEmpty()) {
            throw new ApiException(404, "no endpoint at " + path + "; /openapi.json lists them");
        }
        throw new MethodNotAllowed(method, path, allowed);
    }

    /** 405 with the methods the path takes, for the Allow header. */
    static final class MethodNotAllowed extends ApiException {
        private static final long serialVersionUID = 1L;
        final String allow;

        MethodNotAllowed(String method, String path, Set<String> allowed) {
            super(405, path + " does not take " + method + "; it takes " + String.join(", ", allowed));
            this.allow = String.join(", ", allowed);
        }
    }

    /** Calls the route's handler; every exception becomes a reply. */
    static ApiReply call(Match match, ApiRequest request) {
        try {
            return match.route().handler().handle(request);
        } catch (RuntimeException | LinkageError e) {
            return refusal(e, request);
        }
    }

    /** The reply for an exception a route or the server threw. */
    static ApiReply refusal(Throwable e, ApiRequest request) {
        if (e instanceof MethodNotAllowed m) {
            return ApiReply.error(405, m.getMessage()).withHeader("Allow", m.allow);
        }
        if (e instanceof ApiException a) {
            return ApiReply.error(a.status(), a.getMessage());
        }
        if (e instanceof PluginException p) {
            return ApiReply.error(switch (p.kind()) {
                case INVALID -> 422;
                case NOT_INSTALLED -> 404;
                case BUILT_IN -> 400;
                case FAILED -> 500;
            }, p.getMessage());
        }
        if (e instanceof UnknownPipelineException) {
            return ApiReply.error(404, e.getMessage());
        }
        if (e instanceof IllegalArgumentException || e instanceof PipelineLoadException) {
            // the engine's and the schema's refusals of a value, a chain or a load (BadInputException,
            // InvalidParameterException, ChainException): what the client asked for is wrong
            return ApiReply.error(422, e.getMessage());
        }
        LOG.log(System.Logger.Level.WARNING, request.method() + " " + request.path() + " failed", e);
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "an unexpected failure"
                : e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
        return ApiReply.error(500, request.method() + " " + request.path() + " failed: " + message
                + " (SCOPE_LOG=debug logs where)");
    }
}
