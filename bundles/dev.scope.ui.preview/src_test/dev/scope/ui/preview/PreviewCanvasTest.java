package dev.scope.ui.preview;

import static dev.scope.ui.preview.Ui.rgb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;

/**
 * The preview on a real display: pixels read back (cairo's byte order, letterboxing), a burst
 * while the UI thread is busy, size changes, snapshots, listeners, the injected clock, and every
 * frame released exactly once (the pool ends empty; a second release would throw).
 */
class PreviewCanvasTest {

    private static final int RED = 0xE01010;
    private static final int GREEN = 0x10C020;
    private static final int BLUE = 0x1020F0;
    private static final int YELLOW = 0xF0E010;

    private Ui ui;
    private FramePool pool;
    private Shell shell;

    @BeforeEach
    void open() {
        ui = new Ui();
        pool = new FramePool();
        shell = ui.shell(420, 340);
        shell.setLayout(null);
        shell.open();
    }

    @AfterEach
    void close() {
        ui.close();
        assertEquals(0, pool.stats().framesInUse(), "every frame the canvas was given is released");
    }

    private PreviewCanvas canvas(int width, int height) {
        PreviewCanvas canvas = new PreviewCanvas(shell, 0);
        canvas.setBounds(0, 0, width, height);
        canvas.setOverlayVisible(false);
        ui.flush();
        return canvas;
    }

    @Test
    void anOfferedFrameIsPaintedWithRedAndBlueInCairosOrder() {
        PreviewCanvas canvas = canvas(400, 300);
        canvas.setLayoutMode(PreviewLayout.OUTPUT_ONLY);
        canvas.offerOutput(Frames.quadrants(pool, 64, 48, RED, GREEN, BLUE, YELLOW));
        ui.spinUntil(() -> canvas.stats().framesPainted() == 1, "the first frame painted");
        ImageData data = canvas.paintedImageData();
        assertEquals(64, data.width);
        assertEquals(48, data.height);
        assertEquals(rgb(RED), rgb(data, 3, 3));
        assertEquals(rgb(GREEN), rgb(data, 60, 3));
        assertEquals(rgb(BLUE), rgb(data, 3, 44));
        assertEquals(rgb(YELLOW), rgb(data, 60, 44));
        assertEquals(1, pool.stats().framesInUse(), "the last output frame shown is kept, for snapshots");
        assertTrue(canvas.hasOutput());
        canvas.dispose();
        assertEquals(0, pool.stats().framesInUse(), "disposing the canvas releases it");
    }

    @Test
    void theOutputAloneIsLetterboxedWithItsAspectRatioKept() throws Exception {
        PreviewCanvas canvas = canvas(400, 300);
        canvas.setLayoutMode(PreviewLayout.OUTPUT_ONLY);
        canvas.offerOutput(Frames.quadrants(pool, 160, 60, RED, GREEN, BLUE, YELLOW)); // 8:3 -> 400x150
        ui.spinUntil(() -> canvas.stats().framesPainted() == 1, "the frame painted");
        assertEquals(new Rectangle(0, 75, 400, 150), canvas.outputBounds());
        ImageData screen = ui.print(canvas);
        Ui.save(screen, "preview-output-only-letterboxed");
        assertEquals(rgb(0), rgb(screen, 200, 20), "the bar above");
        assertEquals(rgb(0), rgb(screen, 200, 290), "the bar below");
        assertEquals(rgb(0), rgb(screen, 200, 72));
        assertEquals(rgb(RED), rgb(screen, 100, 110));
        assertEquals(rgb(RED), rgb(screen, 2, 78), "the frame begins where the bar ends");
        assertEquals(rgb(GREEN), rgb(screen, 300, 110));
        assertEquals(rgb(BLUE), rgb(screen, 100, 190));
        assertEquals(rgb(YELLOW), rgb(screen, 397, 222));
    }

    @Test
    void sideBySideShowsTheInputLeftAndTheOutputRightEachLetterboxed() throws Exception {
        PreviewCanvas canvas = canvas(400, 300);
        canvas.setOverlayVisible(true);
        canvas.setStreamFps(30);
        canvas.offerInput(Frames.solid(pool, 160, 90, GREEN)); // 16:9 in 200x300 -> 200x113 (rounded)
        canvas.offerOutput(Frames.solid(pool, 90, 160, BLUE)); // 9:16 in 200x300 -> 169x300
        ui.spinUntil(() -> canvas.stats().framesPainted() == 1 && canvas.stats().inputFramesPainted() == 1,
                "both sides painted");
        ImageData screen = ui.print(canvas);
        Ui.save(screen, "preview-side-by-side");
        assertEquals(new Rectangle(200 + 15, 0, 169, 300), canvas.outputBounds());
        assertEquals(rgb(0), rgb(screen, 100, 40), "above the input");
        assertEquals(rgb(GREEN), rgb(screen, 100, 150));
        assertEquals(rgb(0), rgb(screen, 100, 260), "below the input");
        assertEquals(rgb(0), rgb(screen, 205, 150), "left of the output");
        assertEquals(rgb(BLUE), rgb(screen, 300, 150));
        assertEquals(rgb(0), rgb(screen, 395, 150), "right of the output");
        assertEquals(rgb(GREEN), rgb(canvas.paintedInputImageData(), 5, 5));
    }

    @Test
    void aBurstWhileTheUiThreadIsBusyPaintsTheNewestAndCountsTheRestDropped() throws Exception {
        PreviewCanvas canvas = canvas(200, 150);
        int burst = 25;
        Thread producer = new Thread(() -> {
            for (int i = 1; i <= burst; i++) {
                canvas.offerOutput(Frames.solid(pool, 32, 24, i * 0x0A0503));
            }
        });
        producer.start();
        producer.join(); // the UI thread is busy here: nothing is painted while the burst arrives
        assertEquals(0, canvas.stats().framesPainted());
        assertEquals(1, pool.stats().framesInUse(), "the slot holds the newest; the rest were released");
        ui.spinUntil(() -> canvas.stats().framesPainted() == 1, "the newest frame painted");
        ui.flush();
        PreviewStats stats = canvas.stats();
        assertEquals(1, stats.framesPainted(), "one paint for the whole burst");
        assertEquals(burst - 1, stats.framesDropped());
        assertEquals(burst, canvas.offeredOutputs());
        assertEquals(rgb(burst * 0x0A0503), rgb(canvas.paintedImageData(), 10, 10), "the newest frame");
    }

    @Test
    void aNewFrameSizeRecreatesTheImageAndTheOldOneIsDisposed() {
        PreviewCanvas canvas = canvas(200, 150);
        canvas.offerOutput(Frames.solid(pool, 64, 48, RED));
        ui.spinUntil(() -> canvas.stats().framesPainted() == 1, "the first size painted");
        canvas.offerOutput(Frames.solid(pool, 30, 20, GREEN));
        ui.spinUntil(() -> canvas.stats().framesPainted() == 2, "the second size painted");
        ImageData data = canvas.paintedImageData();
        assertEquals(30, data.width);
        assertEquals(20, data.height);
        assertEquals(rgb(GREEN), rgb(data, 29, 19));
        canvas.offerOutput(Frames.solid(pool, 64, 48, BLUE));
        ui.spinUntil(() -> canvas.stats().framesPainted() == 3, "the first size again");
        assertEquals(rgb(BLUE), rgb(canvas.paintedImageData(), 63, 47));
        assertEquals(1, pool.stats().framesInUse());
        // the images replaced on the way are reported by the leak check in close() if not disposed
    }

    @Test
    void aSnapshotIsAPngEqualToTheLastOutputFrame(@TempDir Path dir) throws Exception {
        PreviewCanvas canvas = canvas(200, 150);
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> canvas.snapshot(dir.resolve("a.png")));
        assertEquals("no output frame has been shown yet: start a stream first", none.getMessage());
        Frame frame = Frames.noise(pool, 97, 41, 7);
        int[] expected = new int[97 * 41];
        frame.read(expected);
        canvas.offerOutput(frame);
        ui.spinUntil(() -> canvas.stats().framesPainted() == 1, "the frame painted");
        Path png = dir.resolve("snapshot.png");
        canvas.snapshot(png);
        ImageData back = new org.eclipse.swt.graphics.ImageLoader().load(png.toString())[0];
        assertEquals(97, back.width);
        assertEquals(41, back.height);
        for (int y = 0; y < 41; y++) {
            for (int x = 0; x < 97; x++) {
                int p = expected[y * 97 + x];
                assertEquals(new org.eclipse.swt.graphics.RGB(p & 0xFF, p >>> 8 & 0xFF, p >>> 16 & 0xFF),
                        rgb(back, x, y), "pixel " + x + "," + y);
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no temporary file is left");
        }
        java.io.IOException missing = assertThrows(java.io.IOException.class,
                () -> canvas.snapshot(dir.resolve("no/such/folder/x.png")));
        assertEquals("cannot write " + dir.resolve("no/such/folder/x.png") + ": the folder "
                + dir.resolve("no/such/folder") + " does not exist", missing.getMessage());
    }

    @Test
    void paintedListenersHearEachOutputFrameByItsNumberAndAFailingOneStopsNothing() {
        PreviewCanvas canvas = canvas(200, 150);
        List<Painted> heard = new CopyOnWriteArrayList<>();
        canvas.addPaintedListener(p -> {
            throw new IllegalStateException("a listener that fails");
        });
        canvas.addPaintedListener(heard::add);
        for (int i = 1; i <= 3; i++) {
            canvas.offerOutput(Frames.solid(pool, 16, 16, i * 0x404040));
            int n = i;
            ui.spinUntil(() -> heard.size() == n, "frame " + n + " heard");
            assertEquals(i, heard.get(i - 1).sequence());
        }
        assertEquals(3, canvas.stats().framesPainted());
    }

    @Test
    void theRatesComeFromTheInjectedClock() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        PreviewCanvas canvas = new PreviewCanvas(shell, 0, now::get);
        canvas.setBounds(0, 0, 200, 150);
        List<Painted> heard = new CopyOnWriteArrayList<>();
        canvas.addPaintedListener(heard::add);
        for (int i = 1; i <= 3; i++) {
            canvas.offerOutput(Frames.solid(pool, 16, 16, RED));
            int n = i;
            ui.spinUntil(() -> heard.size() == n, "frame " + n + " painted");
        }
        assertEquals(5_000_000_000L, heard.get(2).nanoTime());
        assertEquals(3.0, canvas.stats().paintedFps(), "three frames painted within the last second");
        assertEquals(0.0, canvas.stats().busyFraction(), "no time passed while painting, by this clock");
        now.addAndGet(999_999_999L);
        assertEquals(3.0, canvas.stats().paintedFps());
        now.addAndGet(1);
        assertEquals(0.0, canvas.stats().paintedFps(), "a second later they have left the window");
    }

    @Test
    void framesOfferedToADisposedCanvasOrForAHiddenInputAreReleased() {
        PreviewCanvas canvas = canvas(200, 150);
        canvas.setLayoutMode(PreviewLayout.OUTPUT_ONLY);
        canvas.offerInput(Frames.solid(pool, 16, 16, RED));
        assertEquals(0, pool.stats().framesInUse(), "the input is not shown in OUTPUT_ONLY");
        canvas.offerOutput(Frames.solid(pool, 16, 16, RED)); // waits in the slot
        canvas.dispose();
        assertEquals(0, pool.stats().framesInUse());
        canvas.offerOutput(Frames.solid(pool, 16, 16, RED));
        assertEquals(0, pool.stats().framesInUse());
        ui.flush();
    }
}
