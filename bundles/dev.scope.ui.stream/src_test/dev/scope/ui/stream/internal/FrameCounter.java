package dev.scope.ui.stream.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.scope.pipeline.api.Frame;
import dev.scope.ui.stream.FrameListener;

/** Counts the frames a controller hands out, keeps the size of the last, releases each at once. */
final class FrameCounter implements FrameListener {

    final AtomicInteger outputs = new AtomicInteger();
    final AtomicInteger inputs = new AtomicInteger();
    final AtomicReference<String> outputSize = new AtomicReference<>();
    final AtomicReference<String> inputSize = new AtomicReference<>();
    private volatile CountDownLatch next = new CountDownLatch(1);

    @Override
    public void outputFrame(Frame frame, long ptsMicros) {
        outputSize.set(frame.width() + "x" + frame.height());
        frame.release();
        outputs.incrementAndGet();
        next.countDown();
    }

    @Override
    public void inputFrame(Frame frame, long ptsMicros) {
        inputSize.set(frame.width() + "x" + frame.height());
        frame.release();
        inputs.incrementAndGet();
    }

    /** Waits (bounded) for the next output frame from now on. */
    void awaitOutput(String what) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        next = latch;
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no output frame within 30 s " + what);
        }
    }
}
