package io.github.redisjcache.codec;

/** The codec contract for the `kryo+lz4` codec. */
class KryoLz4CodecContractTest extends CodecContractTest {

    @Override
    protected Codec codec(ClassAllowList allowList) {
        return new CompressingCodec(new KryoCodec(allowList, null), CompressingCodec.DEFAULT_THRESHOLD_BYTES);
    }
}
