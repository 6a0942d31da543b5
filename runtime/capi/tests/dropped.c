/* sotto_stream_dropped: the spans of a text in scripts the voice cannot read, with their
 * byte ranges, after a start, after the last chunk, after a restart with clean text; NULL
 * arguments refused with a code. Run as is and under valgrind. */
#include <string.h>

#include "expect.h"

/* "Platform \u041f\u0440\u0438\u0432\u0435\u0442 three, \u4f60\u597d." in UTF-8. */
static const char TEXT[] =
    "Platform \xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 three, \xe4\xbd\xa0\xe5\xa5\xbd.";

int main(int argc, char **argv) {
    SottoVoice *voice = NULL;
    SottoStream *stream = NULL;
    const SottoDroppedSpan *spans = NULL;
    size_t n = 99;
    SottoChunk chunk;
    int rc;
    if (argc != 2) return 2;

    EXPECT(sotto_voice_open(argv[1], SOTTO_DEVICE_CPU, SOTTO_PRECISION_FP32, &voice) == SOTTO_OK);
    EXPECT(sotto_stream_new(voice, &stream) == SOTTO_OK);
    EXPECT(sotto_stream_dropped(NULL, &spans, &n) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_dropped(stream, NULL, &n) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_dropped(stream, &spans, NULL) == SOTTO_ERR_BAD_INPUT);
    EXPECT(sotto_stream_dropped(stream, &spans, &n) == SOTTO_OK && n == 0 && spans == NULL);

    EXPECT(sotto_stream_start(stream, TEXT, NULL) == SOTTO_OK);
    EXPECT(sotto_stream_dropped(stream, &spans, &n) == SOTTO_OK);
    EXPECT(n == 2 && spans != NULL);
    if (n == 2 && spans != NULL) {
        EXPECT(strcmp(spans[0].text, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82") == 0);
        EXPECT(spans[0].start == 9 && spans[0].end == 21);
        EXPECT(memcmp(TEXT + spans[0].start, spans[0].text, spans[0].end - spans[0].start) == 0);
        EXPECT(strcmp(spans[1].text, "\xe4\xbd\xa0\xe5\xa5\xbd") == 0);
        EXPECT(spans[1].start == 29 && spans[1].end == 35);
    }
    while ((rc = sotto_stream_next(stream, &chunk)) == SOTTO_OK) {
    }
    EXPECT(rc == SOTTO_DONE);
    EXPECT(sotto_stream_dropped(stream, &spans, &n) == SOTTO_OK && n == 2);

    EXPECT(sotto_stream_start(stream, "Mind the gap.", NULL) == SOTTO_OK);
    EXPECT(sotto_stream_dropped(stream, &spans, &n) == SOTTO_OK && n == 0 && spans == NULL);

    sotto_stream_free(stream);
    sotto_voice_free(voice);
    return finish();
}
