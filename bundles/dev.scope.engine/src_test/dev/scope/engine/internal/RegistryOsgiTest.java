package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.engine.api.UnknownPipelineException;
import dev.scope.engine.fixture.BadSchemaConfig;
import dev.scope.engine.fixture.BadSchemaFactory;
import dev.scope.engine.fixture.FixtureConfig;
import dev.scope.engine.fixture.FixtureFactory;
import dev.scope.engine.fixture.ThrowingFactory;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** The registry and engine in a running framework, with plugin bundles coming and going. */
class RegistryOsgiTest extends FrameworkFixture {

    @Test
    void pluginAppearsOnStartAndDisappearsOnUninstall() throws Exception {
        assertTrue(registry.find("fixture-add").isEmpty());
        Bundle plugin = install("fixture-good", API, FixtureFactory.class, FixtureConfig.class,
                Class.forName("dev.scope.engine.fixture.FixtureFactory$1"));
        plugin.start();
        await(() -> registry.find("fixture-add").isPresent(), "fixture-add is listed");

        PipelineInfo info = registry.find("fixture-add").orElseThrow();
        assertEquals("fixture-good", info.plugin().name());
        assertEquals("1.2.3", info.plugin().version());
        assertEquals("fixture-good", info.pluginName(), "installed plugins report their name");
        assertEquals(List.of("video"), info.modes());
        Map<?, ?> entry = (Map<?, ?>) registry.schemas().get("pipelines");
        Map<?, ?> schema = (Map<?, ?>) entry.get("fixture-add");
        assertNotNull(schema, "schemas() lists the plugin's pipeline");
        assertEquals("fixture-good", schema.get("plugin_name"));
        Map<?, ?> props = (Map<?, ?>) ((Map<?, ?>) schema.get("config_schema")).get("properties");
        assertEquals(10, ((Number) ((Map<?, ?>) props.get("amount")).get("default")).intValue());

        plugin.uninstall();
        await(() -> registry.find("fixture-add").isEmpty(), "fixture-add is gone");
        assertFalse(((Map<?, ?>) registry.schemas().get("pipelines")).containsKey("fixture-add"));
    }

    @Test
    void throwingComponentIsListedAsFailedAndHidesNothingElse() throws Exception {
        Bundle good = install("fixture-good2", API, FixtureFactory.class, FixtureConfig.class,
                Class.forName("dev.scope.engine.fixture.FixtureFactory$1"));
        Bundle bad = install("fixture-throws", API, ThrowingFactory.class, FixtureConfig.class);
        bad.start();
        good.start();
        await(() -> registry.find("fixture-add").isPresent(), "the good plugin is listed");
        await(() -> registry.failedPlugins().stream().anyMatch(f -> f.name().equals("fixture-throws")),
                "the throwing plugin is listed as failed");
        FailedPlugin failed = registry.failedPlugins().stream().filter(f -> f.name().equals("fixture-throws"))
                .findFirst().orElseThrow();
        assertEquals("IllegalStateException", failed.errorType());
        assertEquals("fixture refuses to activate", failed.errorMessage());
        assertEquals("1.2.3", failed.version());
        assertTrue(registry.find("fixture-add").isPresent(), "the failure hides nothing else");
    }

    @Test
    void unresolvableBundleIsListedAsFailedWithTheMissingPackage() throws Exception {
        install("fixture-unresolved", API + ",does.not.exist;version=\"[1,2)\"", FixtureFactory.class,
                FixtureConfig.class);
        Optional<FailedPlugin> failed = registry.failedPlugins().stream()
                .filter(f -> f.name().equals("fixture-unresolved")).findFirst();
        assertTrue(failed.isPresent(), "an installed bundle that cannot resolve is a failed plugin");
        assertEquals("UnresolvedRequirement", failed.get().errorType());
        assertTrue(failed.get().errorMessage().contains("does.not.exist"), failed.get().errorMessage());
    }

    @Test
    void pipelineWithoutValidSchemaStaysListedDegraded() throws Exception {
        install("fixture-bad-schema", API, BadSchemaFactory.class, BadSchemaConfig.class).start();
        await(() -> registry.find("fixture-bad-schema").isPresent(), "the degraded pipeline is listed");
        PipelineInfo info = registry.find("fixture-bad-schema").orElseThrow();
        assertFalse(info.available());
        assertNotNull(info.schemaError());
        assertTrue(info.schemaError().contains("level"), info.schemaError());
        Map<?, ?> schema = (Map<?, ?>) ((Map<?, ?>) registry.schemas().get("pipelines")).get("fixture-bad-schema");
        assertEquals(info.schemaError(), schema.get("schema_error"));
        ChainException e = assertThrows(ChainException.class,
                () -> engine.open(ChainSpec.of(List.of(), StageSpec.of("fixture-bad-schema"), List.of(), null)));
        assertTrue(e.getMessage().contains("schema"), e.getMessage());
    }

    @Test
    void chainAppliesParametersAndRejectsBadOnes() throws Exception {
        startAddFixture("fixture-good3");
        assertThrows(UnknownPipelineException.class,
                () -> engine.open(ChainSpec.of(List.of(), StageSpec.of("no-such"), List.of(), null)));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> engine.open(
                ChainSpec.of(List.of(), new StageSpec("fixture-add", Map.of("amount", 500)), List.of(), null)));
        assertTrue(range.getMessage().contains("amount"), range.getMessage());

        try (Chain chain = engine.open(ChainSpec.of(List.of(), new StageSpec("fixture-add", Map.of("amount", 5)),
                List.of(), null))) {
            Frame in = engine.frames().allocate(4, 2);
            assertEquals(5, red(chain.push(in)));
            chain.setParams(0, Map.of("amount", 7));
            assertEquals(7, red(chain.push(in)), "a typed parameter change reaches the pipeline at the next frame");
            assertThrows(IllegalArgumentException.class, () -> chain.setParams(0, Map.of("amount", -1)));
            assertEquals(0, red(List.of(in.retain())), "the input frame is not modified");
            in.release();
        }
    }

    @Test
    void inVideoModeTheStreamDecidesTheFrameSize() throws Exception {
        startAddFixture("fixture-good5");
        ChainException e = assertThrows(ChainException.class, () -> engine.open(ChainSpec.of(List.of(),
                new StageSpec("fixture-add", Map.of("height", 64)), List.of(), null)));
        assertEquals("fixture-add: height is set by the stream in video mode (the input's frame size); it can be set"
                + " only in text mode", e.getMessage());
        try (Chain chain = engine.open(ChainSpec.of(List.of(), StageSpec.of("fixture-add"), List.of(), null))) {
            assertThrows(ChainException.class, () -> chain.setParams(0, Map.of("width", 8)));
        }
    }

    /** The first red level of the frames, which are released. */
    private static int red(List<Frame> frames) {
        int[] px = new int[frames.get(0).width() * frames.get(0).height()];
        frames.get(0).read(px);
        frames.forEach(Frame::release);
        return px[0] & 0xFF;
    }

    @Test
    void stageThatThrowsIsFailedAndBypassedWhileTheChainRuns() throws Exception {
        startAddFixture("fixture-good4");
        startFailingFixture();
        try (Chain chain = engine.open(ChainSpec.of(List.of(), new StageSpec("fixture-add", Map.of("amount", 9)),
                List.of(StageSpec.of("fixture-fails")), null))) {
            Frame in = engine.frames().allocate(2, 2);
            assertEquals(0, red(chain.push(in)), "the postprocessor blanks frames");
            chain.push(in).forEach(Frame::release);
            List<Frame> third = chain.push(in);
            assertEquals(1, third.size(), "the failing call's input goes on");
            assertEquals(9, red(third), "bypassed: the main pipeline's frame comes through");
            StageStatus post = chain.stages().get(1);
            assertEquals(StageStatus.State.FAILED, post.state());
            assertEquals("third call breaks", post.reason());
            assertEquals(9, red(chain.push(in)), "still bypassed");
            assertEquals(StageStatus.State.OK, chain.stages().get(0).state());
            assertNull(chain.stages().get(0).reason());
            in.release();
        }
    }
}
