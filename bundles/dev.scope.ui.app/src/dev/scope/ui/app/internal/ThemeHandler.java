package dev.scope.ui.app.internal;

import dev.scope.engine.api.PluginManager;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;

import jakarta.inject.Named;

/**
 * View > Theme > Light / Dark: restyles the workbench at once and remembers the choice in
 * {@code $SCOPE_HOME/workbench/ui.json} (not in Equinox's preferences, which live in a cache).
 */
public final class ThemeHandler {

    /** The command parameter: the theme's id. */
    static final String THEME = "dev.scope.ui.command.theme.set.id";

    @Execute
    void execute(@Named(THEME) String themeId, IThemeEngine themes, PluginManager plugins, IEventBroker broker) {
        if (!UiSettings.THEMES.contains(themeId)) {
            broker.post(StatusTopics.ERROR, "unknown theme '" + themeId + "'; expected one of " + UiSettings.THEMES);
            return;
        }
        themes.setTheme(themeId, false);
        try {
            new UiSettings(themeId).write(plugins.home());
        } catch (RuntimeException e) {
            broker.post(StatusTopics.ERROR, "the theme could not be remembered: " + StreamJobs.readable(e));
        }
    }
}
