/* Misuse of the C ABI: NULL handles and strings, calls out of order, bad enums, invalid
 * UTF-8, cancel and restart. Every call must return a code, never crash. */
#include <string.h>

#include "expect.h"

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    SottoVoice *voice = NULL;
    SottoStream *stream = NULL;
    SottoChunk chunk;

    EXPECT(sotto_voice_open(NULL, SOTTO_DEVICE_CPU, SOTTO_PRECISION_FP32, &voice) == SOTTO_ERR_BAD_INPUT);
    EXPECT(voice == NULL && strstr(sotto_last_error(), "dir") != NULL);
    EXPECT(sotto_voice_open(argv[1], SOTTO_DEVICE_CPU, SOTTO_PRECISION_FP32, NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_voice_open("/nonexistent", SOTTO_DEVICE_CPU, SOTTO_PRECISION_FP32, &voice) == SOTTO_ERR_BAD_PACK);
    EXPECT(strstr(sotto_last_error(), "/nonexistent") != NULL);
    char manifest[4096];
    snprintf(manifest, sizeof manifest, "%s/voice.json", argv[1]);
    EXPECT(sotto_voice_open(manifest, SOTTO_DEVICE_CPU, SOTTO_PRECISION_FP32, &voice) == SOTTO_ERR_BAD_PACK);
    EXPECT(voice == NULL && strstr(sotto_last_error(), "not a voice pack directory") != NULL);
    EXPECT(sotto_voice_open(argv[1], 42, SOTTO_PRECISION_FP32, &voice) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_voice_open(argv[1], SOTTO_DEVICE_CPU, -3, &voice) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_new(NULL, &stream) == SOTTO_ERR_BAD_INPUT && stream == NULL);
    EXPECT(sotto_stream_start(NULL, "Hello.", NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_next(NULL, &chunk) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_cancel(NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_voice_sample_rate(NULL) == 0);
    sotto_stream_free(NULL);
    sotto_voice_free(NULL);

    EXPECT(sotto_voice_open(argv[1], SOTTO_DEVICE_CPU, SOTTO_PRECISION_FP32, &voice) == SOTTO_OK);
    EXPECT(strlen(sotto_last_error()) == 0);
    EXPECT(sotto_stream_new(voice, &stream) == SOTTO_OK);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_DONE);
    EXPECT(sotto_stream_next(stream, NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_start(stream, NULL, NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_start(stream, "caf\xc3\x28", NULL) == SOTTO_ERR_BAD_INPUT);
    SottoOptions bad = sotto_options_default();
    bad.speed = -1.0f;
    EXPECT(sotto_stream_start(stream, "Hello.", &bad) == SOTTO_ERR_BAD_INPUT);
    EXPECT(strstr(sotto_last_error(), "speed") != NULL);
    bad = sotto_options_default();
    bad.steps = 1000;
    EXPECT(sotto_stream_start(stream, "Hello.", &bad) == SOTTO_ERR_BAD_INPUT);

    EXPECT(sotto_stream_start_ssml(stream, NULL, NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_start_ssml(stream, "<speak>unclosed", NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(strstr(sotto_last_error(), "SSML") != NULL);

    EXPECT(sotto_stream_start(stream, "   ", NULL) == SOTTO_OK);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_DONE);

    EXPECT(sotto_stream_start(stream, "Please keep your ticket until the end of your journey.", NULL) == SOTTO_OK);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_OK && chunk.n_samples > 0);
    EXPECT(sotto_stream_cancel(stream) == SOTTO_OK);
    EXPECT(sotto_stream_cancel(stream) == SOTTO_OK);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_ERR_CANCELLED);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_DONE);

    EXPECT(sotto_stream_start(stream, "Mind the gap.", NULL) == SOTTO_OK);
    int rc, last = 0;
    while ((rc = sotto_stream_next(stream, &chunk)) == SOTTO_OK) last = chunk.is_last;
    EXPECT(rc == SOTTO_DONE && last);

    /* A failed start leaves the stream idle, whatever failed. */
    const char *long_text = "Please keep your ticket until the end of your journey, and mind the gap.";
    for (int k = 0; k < 5; k++) {
        EXPECT(sotto_stream_start(stream, long_text, NULL) == SOTTO_OK);
        EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_OK);
        switch (k) {
        case 0: EXPECT(sotto_stream_start(stream, "caf\xc3\x28", NULL) == SOTTO_ERR_BAD_INPUT); break;
        case 1: EXPECT(sotto_stream_start(stream, NULL, NULL) == SOTTO_ERR_BAD_INPUT); break;
        case 2: EXPECT(sotto_stream_start_ssml(stream, "<speak>unclosed", NULL) == SOTTO_ERR_BAD_INPUT); break;
        case 3: EXPECT(sotto_stream_start_ssml(stream, NULL, NULL) == SOTTO_ERR_BAD_INPUT); break;
        default: EXPECT(sotto_stream_start(stream, "Hello.", &bad) == SOTTO_ERR_BAD_INPUT); break;
        }
        EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_DONE);
    }

    /* Version, the voice's defaults and speed range; speed errors name the speed. */
    EXPECT(sotto_abi_version() == SOTTO_ABI_VERSION);
    EXPECT(sotto_version() != NULL && strlen(sotto_version()) > 0);
    SottoOptions own;
    EXPECT(sotto_voice_default_options(NULL, &own) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_voice_default_options(voice, NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_voice_default_options(voice, &own) == SOTTO_OK);
    EXPECT(own.steps >= 1 && own.temperature >= 0.0f && own.speed == SOTTO_DEFAULT_SPEED);
    float slowest = 0, fastest = 0;
    EXPECT(sotto_voice_speed_range(voice, &slowest, NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_voice_speed_range(voice, &slowest, &fastest) == SOTTO_OK);
    EXPECT(slowest == 0.25f && fastest == 4.0f);
    EXPECT(sotto_stream_start(stream, "Hello.", &own) == SOTTO_OK);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_OK);
    own.speed = fastest * 2;
    EXPECT(sotto_stream_start(stream, "Hello.", &own) == SOTTO_ERR_BAD_INPUT);
    EXPECT(strstr(sotto_last_error(), "speed") != NULL);
    EXPECT(strstr(sotto_last_error(), "length scale") == NULL);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_DONE);

    /* A cancel made while idle is dropped by the next start. */
    EXPECT(sotto_stream_cancel(stream) == SOTTO_OK);
    EXPECT(sotto_stream_start(stream, "Hello.", NULL) == SOTTO_OK);
    EXPECT(sotto_stream_next(stream, &chunk) == SOTTO_OK);
    EXPECT(sotto_stream_start(stream, "Hello.", NULL) == SOTTO_OK);

    /* The free functions keep the message of the call that failed. */
    EXPECT(sotto_stream_start(stream, NULL, NULL) == SOTTO_ERR_BAD_INPUT);
    sotto_stream_free(NULL);
    sotto_voice_free(NULL);
    EXPECT(strstr(sotto_last_error(), "text is NULL") != NULL);

    SottoStream *second = NULL;
    EXPECT(sotto_stream_new(voice, &second) == SOTTO_OK);
    sotto_voice_free(voice);
    EXPECT(sotto_stream_start(second, "Still here.", NULL) == SOTTO_OK);
    EXPECT(sotto_stream_next(second, &chunk) == SOTTO_OK);
    sotto_stream_free(second);
    sotto_stream_free(stream);
    return finish();
}
