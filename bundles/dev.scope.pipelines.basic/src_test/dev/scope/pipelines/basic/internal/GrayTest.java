package dev.scope.pipelines.basic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dev.scope.frames.FrameAccess;
import dev.scope.frames.FramePool;
import dev.scope.frames.StandaloneContext;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineConfig;

import org.junit.jupiter.api.Test;

/** {@code gray}'s Java path against BT.601 from its definition; its device path is in the effects' tests. */
class GrayTest {

    /** @return {@code config} with its video mode's overrides applied, as the engine makes a config */
    static <T extends BasePipelineConfig> T video(T config) {
        for (ModeDefaults mode : config.getClass().getAnnotation(PipelineConfig.class).modes()) {
            if (mode.value().equals(ModeDefaults.VIDEO) && mode.inputSize() >= 0) {
                config.inputSize = mode.inputSize();
            }
        }
        return config;
    }

    @Test
    void isExactBt601LumaAtEverySize() throws Exception {
        FramePool pool = new FramePool();
        GrayConfig params = video(new GrayConfig());
        try (Pipeline<GrayConfig> gray = new GrayFactory().create(params)) {
            gray.configure(params);
            for (int[] size : new int[][] {{1, 1}, {7, 1}, {1, 7}, {17, 13}, {640, 9}, {5000, 3}}) {
                int w = size[0];
                int h = size[1];
                int[] pixels = new int[w * h];
                for (int i = 0; i < pixels.length; i++) {
                    int x = i * 0x9E3779B1;
                    pixels[i] = x ^ x >>> 13; // every level, and padding bytes that are not 0xFF
                }
                Frame in = pool.of(w, h, pixels);
                Frame view = FrameAccess.borrow(in);
                StandaloneContext context = StandaloneContext.video(pool, w, h);
                assertEquals(1, gray.prepare(params, context).inputSize());
                Output out = gray.call(List.of(view), params, context);
                FrameAccess.endLoan(view);
                assertEquals(1, out.size());
                Frame grey = out.frames().get(0);
                int[] levels = new int[w * h];
                grey.read(levels);
                for (int i = 0; i < levels.length; i++) {
                    int p = pixels[i];
                    long y = Math.round(0.299 * (p & 0xFF) + 0.587 * (p >>> 8 & 0xFF) + 0.114 * (p >>> 16 & 0xFF));
                    int exact = (19595 * (p & 0xFF) + 38470 * (p >>> 8 & 0xFF) + 7471 * (p >>> 16 & 0xFF)
                            + 32768) >>> 16;
                    assertEquals(y, exact, 1, "the fixed point is BT.601, rounded");
                    assertEquals(0xFF000000 | exact * 0x010101, levels[i], size[0] + "x" + size[1] + " pixel " + i);
                }
                grey.release();
                in.release();
            }
        }
        assertEquals(0, pool.stats().framesInUse(), "every frame released");
    }
}
