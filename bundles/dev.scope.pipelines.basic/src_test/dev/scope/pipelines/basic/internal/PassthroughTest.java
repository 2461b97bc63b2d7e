package dev.scope.pipelines.basic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import dev.scope.frames.FrameAccess;
import dev.scope.frames.FramePool;
import dev.scope.frames.StandaloneContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;

import org.junit.jupiter.api.Test;

class PassthroughTest {

    @Test
    void takesBatchesOfFourAndHandsThemOnAsTheyAre() throws Exception {
        FramePool pool = new FramePool();
        PassthroughConfig params = GrayTest.video(new PassthroughConfig());
        List<Frame> inputs = List.of(pool.allocate(8, 6), pool.allocate(8, 6), pool.allocate(8, 6),
                pool.allocate(8, 6));
        StandaloneContext context = StandaloneContext.video(pool, 8, 6);
        try (Pipeline<PassthroughConfig> passthrough = new PassthroughFactory().create(params)) {
            passthrough.configure(params);
            assertEquals(4, passthrough.prepare(params, context).inputSize(), "video mode's batches");
            List<Frame> lent = inputs.stream().map(FrameAccess::borrow).toList();
            long made = pool.stats().buffersCreated();
            Output out = passthrough.call(lent, params, context);
            assertEquals(4, out.size());
            for (int i = 0; i < 4; i++) {
                assertSame(lent.get(i), out.frames().get(i), "input " + i + " itself");
            }
            assertEquals(made, pool.stats().buffersCreated(), "no frame made");
            lent.forEach(FrameAccess::endLoan);
        }
        inputs.forEach(Frame::release);
        assertEquals(0, pool.stats().framesInUse());
    }
}
