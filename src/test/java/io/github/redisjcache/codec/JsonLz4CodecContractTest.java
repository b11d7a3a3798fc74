package io.github.redisjcache.codec;

/** The codec contract for the `json+lz4` codec. */
class JsonLz4CodecContractTest extends CodecContractTest {

    @Override
    protected Codec codec(ClassAllowList allowList) {
        return new CompressingCodec(new JsonCodec(allowList, null), CompressingCodec.DEFAULT_THRESHOLD_BYTES);
    }
}
