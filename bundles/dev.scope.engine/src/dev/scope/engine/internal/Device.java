package dev.scope.engine.internal;

/** The compute device that stages may run on, as the engine sees it through the optional GPU service. */
interface Device {

    /** No device: stages run in Java. */
    Device NONE = new Device() {
        @Override
        public String path() {
            return "device";
        }

        @Override
        public void finish() {
            // nothing is queued anywhere
        }
    };

    /** @return the path device frames come from ({@code opencl-gpu}, {@code opencl-cpu}), or {@code device} */
    String path();

    /**
     * Waits until the work queued on the device has run, so that a stage's time includes its
     * kernels and not only their enqueueing.
     */
    void finish();
}
