package io.github.redisjcache.codec;

/** The codec contract for the `json` codec. */
class JsonCodecContractTest extends CodecContractTest {

    @Override
    protected Codec codec(ClassAllowList allowList) {
        return new JsonCodec(allowList, null);
    }
}
