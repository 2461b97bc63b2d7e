package dev.scope.ui.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import dev.scope.ui.settings.SettingsForm;
import dev.scope.ui.settings.fixture.KnobRenderer;
import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;
import dev.scope.ui.settings.spi.Testers;

/** Renderers as OSGi services: a plugin's wins by rank and leaves again; ties; failures degrade. */
class RenderersTest extends FormTestBase {

    private Bundle plugin;
    private final List<ServiceRegistration<?>> registrations = new java.util.ArrayList<>();

    @AfterEach
    void unregister() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        if (plugin != null && plugin.getState() != Bundle.UNINSTALLED) {
            plugin.uninstall();
        }
    }

    @Test
    void aPluginBundlesRendererWinsByRankAndLeavesWithItsBundle() throws Exception {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("invert")), "video", false);
        open();
        one(form.control(), "0/intensity", Scale.class);
        int before = registry.size();
        plugin = installPlugin();
        plugin.start();
        spinUntil(() -> !inside(form.control(), "0/intensity", Button.class).isEmpty(), "the knob replaces the slider");
        assertEquals(before + 1, registry.size());
        assertTrue(inside(form.control(), "0/intensity", Scale.class).isEmpty());
        Button knob = one(form.control(), "0/intensity", Button.class);
        assertEquals("knob 1.0", knob.getText());
        assertEquals("&Intensity", ((Label) require(form.control(), "0/intensity#label")).getText(),
                "the decorators stay around the plugin's widget");
        click(knob);
        spinUntil(() -> !changes.isEmpty(), "the knob sets a value");
        assertEquals(List.of(new Change(0, "intensity", 0.5)), changes);
        screenshot(shell, "invert-plugin-renderer");

        plugin.uninstall();
        spinUntil(() -> !inside(form.control(), "0/intensity", Scale.class).isEmpty(), "the slider is back");
        assertEquals(before, registry.size());
    }

    /** A bundle holding {@link KnobRenderer} and a DS component XML for it, as bnd writes them. */
    private Bundle installPlugin() throws IOException, org.osgi.framework.BundleException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.knob");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "dev.scope.ui.settings.spi,org.eclipse.swt,org.eclipse.swt.widgets");
        a.putValue("Service-Component", "OSGI-INF/knob.xml");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            String path = KnobRenderer.class.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(path));
            try (InputStream in = KnobRenderer.class.getClassLoader().getResourceAsStream(path)) {
                in.transferTo(jar);
            }
            jar.putNextEntry(new JarEntry("OSGI-INF/knob.xml"));
            jar.write(("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="test.knob">
                      <implementation class="%s"/>
                      <service><provide interface="dev.scope.ui.settings.spi.FieldRenderer"/></service>
                    </scr:component>
                    """.formatted(KnobRenderer.class.getName())).getBytes(StandardCharsets.UTF_8));
        }
        return context.installBundle("test:knob", new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** A renderer of the field {@code intensity} drawing a label with its name. */
    private static class Named implements FieldRenderer {
        private final String name;
        private final int rank;

        Named(String name, int rank) {
            this.name = name;
            this.rank = rank;
        }

        @Override
        public int rank(FieldContext field) {
            return Testers.rankWith(rank, Testers.keyIs("intensity")).applyAsInt(field);
        }

        @Override
        public Control create(Composite parent, FieldBinding binding) {
            Label label = new Label(parent, SWT.NONE);
            label.setText(name);
            return label;
        }
    }

    private void register(FieldRenderer renderer, Integer ranking) {
        Dictionary<String, Object> properties = new Hashtable<>();
        if (ranking != null) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        registrations.add(context.registerService(FieldRenderer.class, renderer, properties));
    }

    private static String shown(SettingsForm form) {
        List<Label> labels = inside(form.control(), "0/intensity", Label.class);
        return labels.isEmpty() ? "slider" : labels.get(0).getText();
    }

    @Test
    void tiesGoToTheHigherServiceRankingThenTheOlderService() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("invert")), "video", false);
        register(new Named("first", 6), null);
        spinUntil(() -> shown(form).equals("first"), "rank 6 beats the slider");
        register(new Named("second", 6), null);
        register(new Named("low", 5), 100);
        spin();
        assertEquals("first", shown(form), "equal rank and ranking: the lower service.id");
        register(new Named("ranked", 6), 10);
        spinUntil(() -> shown(form).equals("ranked"), "equal rank: the higher service.ranking");
        registrations.remove(registrations.size() - 1).unregister();
        spinUntil(() -> shown(form).equals("first"), "back to the older one");
    }

    @Test
    void aRendererThatThrowsNeverBreaksTheForm() {
        register(new FieldRenderer() {
            @Override
            public int rank(FieldContext field) {
                throw new IllegalStateException("rank exploded");
            }

            @Override
            public Control create(Composite parent, FieldBinding binding) {
                return null;
            }
        }, null);
        register(new Named("never", 7) {
            @Override
            public Control create(Composite parent, FieldBinding binding) {
                new Label(parent, SWT.NONE).setText("half-built");
                throw new IllegalStateException("create exploded");
            }
        }, null);
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("invert")), "video", false);
        open();
        one(form.control(), "0/intensity", Scale.class);
        assertTrue(inside(form.control(), "0/intensity", Label.class).isEmpty(), "what the failed renderer made is gone");
        Label message = (Label) require(form.control(), "0/intensity#message");
        assertTrue(message.isVisible());
        assertTrue(message.getText().contains("The widget from dev.scope.ui.settings failed (create exploded)"),
                message.getText());
        screenshot(shell, "invert-failed-renderer");
    }

    @Test
    void theSdkReadmesKnobTakesItsComponentOnly() {
        register(new dev.scope.ui.settings.fixture.DocKnobRenderer(), null);
        Map<String, Object> knob = Map.of("category", "configuration", "is_load_param", false, "component", "knob");
        Map<String, Object> entry = Map.of("id", "knobs", "name", "Knobs", "usage", List.of(), "config_schema",
                Map.of("properties", Map.of(
                        "gain", Map.of("type", "number", "minimum", 0, "maximum", 1, "default", 0.25, "ui", knob),
                        "label", Map.of("type", "string", "default", "x", "ui", knob),
                        "plain", Map.of("type", "number", "minimum", 0, "maximum", 1, "default", 0.5,
                                "ui", Map.of("category", "configuration", "is_load_param", false)))));
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(new dev.scope.ui.settings.StageSettings("Knobs", "knobs", entry, Map.of(), false)), "video",
                false);
        open();
        assertEquals(list("gain", "label", "plain"), fields(form.control(), 0), "the knob group is split: one number, one string");
        Scale gain = one(form.control(), "0/gain", Scale.class);
        assertEquals(25, gain.getSelection());
        assertTrue(inside(form.control(), "0/gain", org.eclipse.swt.widgets.Text.class).isEmpty(), "the knob, not the slider");
        assertEquals(1, inside(form.control(), "0/plain", org.eclipse.swt.widgets.Text.class).size(), "a plain slider stays built in");
        focus(gain);
        key(SWT.ARROW_RIGHT, (char) 0);
        spinUntil(() -> !changes.isEmpty(), "the knob reports a change");
        assertEquals("gain", changes.get(0).key());
        assertEquals(gain.getSelection() / 100.0, (Double) changes.get(0).value(), 1e-9);
    }

    @Test
    void aComponentGroupNoRendererTakesIsSplitIntoItsFields() {
        Map<String, Object> ui = Map.of("category", "configuration", "is_load_param", false, "component", "noise");
        Map<String, Object> entry = Map.of("id", "noisy", "name", "Noisy", "usage", List.of(), "config_schema",
                Map.of("properties", Map.of(
                        "noise_scale", Map.of("type", "number", "minimum", 0, "maximum", 1, "default", 0.5, "ui", ui),
                        "noise_seed", Map.of("type", "integer", "minimum", 0, "default", 1, "ui", ui))));
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(new dev.scope.ui.settings.StageSettings("Noisy", "noisy", entry, Map.of(), false)), "video",
                false);
        assertEquals(list("noise_scale", "noise_seed"), fields(form.control(), 0));
        one(form.control(), "0/noise_scale", Scale.class);
        one(form.control(), "0/noise_seed", Spinner.class);
    }
}
