package dev.scope.pipelines.effects.internal;

import java.util.List;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.pipeline.api.Frame;

/** Frames a call made but cannot return, because a later step of the call failed. */
final class Outputs {

    private Outputs() {
    }

    /** Releases the device frames among {@code made}: each holds the one reference its maker got. */
    static void releaseDeviceFrames(List<? extends Frame> made) {
        for (Frame f : made) {
            if (f instanceof DeviceFrame d) {
                d.release();
            }
        }
    }
}
