package io.github.redisjcache.codec;

/** The codec contract for the `kryo` codec. */
class KryoCodecContractTest extends CodecContractTest {

    @Override
    protected Codec codec(ClassAllowList allowList) {
        return new KryoCodec(allowList, null);
    }
}
