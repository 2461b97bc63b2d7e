/* does not build: for the message of a build error in a resource */
__kernel void broken(__global uint* dst) {
    dst[get_global_id(0)] = undefined_thing;
}
