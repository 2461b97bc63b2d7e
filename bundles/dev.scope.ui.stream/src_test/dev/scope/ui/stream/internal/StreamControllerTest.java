package dev.scope.ui.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.StageSpec;
import dev.scope.media.MediaService;
import dev.scope.schema.Json;
import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamState;
import dev.scope.ui.stream.StreamStatus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller on the real engine and media service, its session file in a temporary folder. */
class StreamControllerTest {

    @TempDir
    Path home;

    private final Engine engine = Services.get(Engine.class);
    private final MediaService media = Services.get(MediaService.class);
    private final PipelineRegistry registry = Services.get(PipelineRegistry.class);
    private StreamControllerImpl controller;
    private final FrameCounter frames = new FrameCounter();

    private Path file() {
        return home.resolve("workbench").resolve("session.json");
    }

    private StreamControllerImpl open() {
        StreamControllerImpl c = new StreamControllerImpl(engine, media, registry, file());
        c.addFrameListener(frames);
        return c;
    }

    @BeforeEach
    void small() throws Exception {
        controller = open();
        controller.setSource(SourceSpec.testPattern(64, 48, 30)); // small, so the test is cheap
    }

    @AfterEach
    void close() {
        controller.deactivate(); // the references the controller hands out are FanOutSinkTest's
    }

    @Test
    void firstStartIsTheTestPatternThroughKaleidoscopeAndStreams() {
        StreamControllerImpl fresh = new StreamControllerImpl(engine, media, registry, home.resolve("other.json"));
        try {
            StreamState s = fresh.state();
            assertEquals(SourceSpec.Kind.TEST_PATTERN, s.source().kind());
            assertEquals("kaleidoscope", s.chain().main().pipelineId());
            assertTrue(fresh.wasStreaming(), "a new user sees moving video at once");
            assertEquals(List.of(), fresh.takeNotices());
        } finally {
            fresh.deactivate();
        }
    }

    @Test
    void startPauseResumeStop() throws Exception {
        controller.start();
        assertEquals(StreamStatus.STREAMING, controller.state().status());
        frames.awaitOutput("after start");
        assertEquals("64x48", frames.outputSize.get());
        assertTrue(frames.inputs.get() > 0, "input frames are tapped too");
        assertEquals("64x48", frames.inputSize.get());
        assertTrue(controller.metrics().isPresent());

        controller.pause();
        assertEquals(StreamStatus.PAUSED, controller.state().status());
        controller.resume();
        assertEquals(StreamStatus.STREAMING, controller.state().status());
        frames.awaitOutput("after resume");

        controller.stop();
        assertEquals(StreamStatus.STOPPED, controller.state().status());
        assertTrue(controller.metrics().isEmpty());
        assertTrue(controller.stages().isEmpty());
        controller.flush();
        assertEquals(Boolean.FALSE, ((Map<?, ?>) Json.read(Files.readString(file()))).get("streaming"));
    }

    @Test
    void valuesChangeLiveAndAreValidated() throws Exception {
        controller.start();
        controller.setParams(0, Map.of("segments", 8));
        assertEquals(8, controller.state().chain().main().params().get("segments"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> controller.setParams(0, Map.of("segments", 99)));
        assertTrue(e.getMessage().contains("segments"), e.getMessage());
        assertEquals(8, controller.state().chain().main().params().get("segments"), "a refused value changes nothing");
        assertThrows(IndexOutOfBoundsException.class, () -> controller.setParams(3, Map.of("segments", 4)));
        controller.setBypass(0, true);
        assertEquals(List.of(true), controller.state().bypass());
        frames.awaitOutput("while bypassed");
    }

    @Test
    void theNextStartRestoresSourceChainValuesAndBypass() throws Exception {
        ChainSpec chain = ChainSpec.of(List.of(StageSpec.of("gray")), new StageSpec("kaleidoscope", Map.of("zoom", 2.0)),
                List.of(), null);
        controller.setChain(chain);
        controller.setSource(SourceSpec.testPattern(80, 64, 15));
        controller.start();
        controller.setParams(1, Map.of("segments", 5));
        controller.setBypass(0, true);
        controller.deactivate(); // the workbench closes while streaming

        controller = open();
        StreamState s = controller.state();
        assertEquals(SourceSpec.testPattern(80, 64, 15), s.source());
        assertEquals("gray", s.chain().pre().get(0).pipelineId());
        assertEquals(2.0, s.chain().main().params().get("zoom"));
        assertEquals(5, s.chain().main().params().get("segments"));
        assertEquals(List.of(true, false), s.bypass());
        assertTrue(controller.wasStreaming(), "it was streaming when the workbench closed");
        assertEquals(StreamStatus.STOPPED, s.status(), "nothing starts until the UI asks");
        controller.start();
        frames.awaitOutput("after the restore");
        assertEquals("80x64", frames.outputSize.get());
        assertEquals(List.of(), controller.takeNotices());
    }

    @Test
    void anUnreadableSessionFileIsMovedAsideWithOneNotice() throws Exception {
        controller.deactivate();
        Files.writeString(file(), "{\"format\": 1, \"chain\": ");
        controller = open();
        List<String> notices = controller.takeNotices();
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("was unreadable") && notices.get(0).contains("moved to"), notices.get(0));
        assertFalse(Files.exists(file()), "moved, not left in place");
        try (var aside = Files.list(file().getParent())) {
            assertEquals(1, aside.filter(p -> p.getFileName().toString().startsWith("session.json.unreadable-")).count());
        }
        assertEquals(SavedSession.firstStart().source(), controller.state().source());
        assertEquals(List.of(), controller.takeNotices(), "said once");
    }

    @Test
    void aSessionFileOfTheWrongShapeIsMovedAsideToo() throws Exception {
        controller.deactivate();
        Map<String, Object> bad = SavedSession.firstStart().toJson();
        bad.put("source", Map.of("kind", "hologram"));
        Files.writeString(file(), Json.write(bad));
        controller = open();
        List<String> notices = controller.takeNotices();
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("unknown source kind \"hologram\""), notices.get(0));
    }

    @Test
    void aSourceThatCannotOpenChangesNothing() throws Exception {
        controller.start();
        Path missing = home.resolve("missing.mp4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> controller.setSource(SourceSpec.videoFile(missing, true)));
        assertTrue(e.getMessage().contains("missing.mp4"), e.getMessage());
        assertEquals(SourceSpec.testPattern(64, 48, 30), controller.state().source());
        assertEquals(StreamStatus.STREAMING, controller.state().status());
        frames.awaitOutput("after the refused source");
    }

    @Test
    void aNewChainGoesInWhileTheStreamRuns() throws Exception {
        controller.start();
        frames.awaitOutput("before the change");
        controller.setBypass(0, true);
        controller.setChain(ChainSpec.of(List.of(StageSpec.of("gray")), StageSpec.of("kaleidoscope"), List.of(), null));
        assertEquals(StreamStatus.STREAMING, controller.state().status());
        assertEquals(List.of(false, false), controller.state().bypass(), "bypass is cleared with a new chain");
        frames.awaitOutput("after the change");
        assertEquals(List.of("gray", "kaleidoscope"),
                controller.stages().stream().map(dev.scope.engine.api.StageStatus::pipelineId).toList());
    }

    @Test
    void aChainThatCannotRunKeepsTheOldOneStreaming() throws Exception {
        controller.start();
        ChainSpec unknown = ChainSpec.of(List.of(), StageSpec.of("no-such-pipeline"), List.of(), null);
        assertThrows(IllegalArgumentException.class, () -> controller.setChain(unknown));
        assertEquals("kaleidoscope", controller.state().chain().main().pipelineId());
        assertEquals(StreamStatus.STREAMING, controller.state().status());
        assertNull(controller.state().error());
        frames.awaitOutput("after the refused chain");
    }

    @Test
    void recordsWhileThePreviewGoesOnAndSnapshots() throws Exception {
        controller.start();
        assertThrows(IllegalArgumentException.class, () -> controller.startRecording(home.resolve("clip.avi")));
        Path mp4 = home.resolve("clip.mp4");
        controller.startRecording(mp4);
        assertEquals(mp4.toAbsolutePath(), controller.state().recording());
        int before = frames.outputs.get();
        for (int i = 0; i < 10; i++) {
            frames.awaitOutput("while recording");
        }
        assertEquals(mp4.toAbsolutePath(), controller.stopRecording().orElseThrow());
        int seen = frames.outputs.get() - before;
        assertNull(controller.state().recording());
        try (var source = media.openSource(mp4.toString(), false)) {
            assertEquals(64, source.width());
            int read = 0;
            for (var f = source.next(); f != null; f = source.next()) {
                f.frame().release();
                read++;
            }
            // the frame shown when recording began may or may not be in the file
            assertTrue(read >= seen - 1 && read <= seen + 1, read + " frames recorded while " + seen + " were shown");
        }
        Path png = home.resolve("snap.png");
        controller.snapshot(png);
        var frame = dev.scope.media.Png.read(png, engine.frames());
        try {
            assertEquals(64, frame.width());
            assertEquals(48, frame.height());
        } finally {
            frame.release();
        }
    }

    @Test
    void recordingNeedsAStream() {
        assertThrows(IllegalStateException.class, () -> controller.startRecording(home.resolve("x.mp4")));
        assertThrows(IllegalStateException.class, () -> controller.snapshot(home.resolve("x.png")));
    }
}
