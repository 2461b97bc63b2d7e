package dev.scope.ui.app.internal;

import org.eclipse.e4.core.services.events.IEventBroker;

/**
 * The event topics the status line shows. Any UI bundle posts one line of readable text (a
 * {@link String}, never a stack trace) through the {@link IEventBroker}; the status line shows the
 * newest, errors in the error colour, until the next one.
 */
final class StatusTopics {

    /** Something failed: one line saying what and, where it helps, what to do. */
    static final String ERROR = "dev/scope/ui/status/error";
    /** Something the user should know (a state file moved aside, a plugin that failed). */
    static final String WARNING = "dev/scope/ui/status/warning";
    /** Something done (a snapshot written, a recording finished). */
    static final String INFO = "dev/scope/ui/status/info";
    /** Every status topic. */
    static final String ALL = "dev/scope/ui/status/*";

    private StatusTopics() {
    }
}
