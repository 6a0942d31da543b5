/* speak VOICE_DIR TEXT OUT.wav MARKS.jsonl
 *
 * Speaks TEXT with the voice's defaults into a 16-bit mono WAV and writes the marks
 * (sentences, words, phonemes, SSML <mark>s) as JSON lines, pulling the audio chunk by
 * chunk. A TEXT that starts with "<speak" is read as SSML. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sotto.h"

static void put_u32(FILE *f, uint32_t v) {
    unsigned char b[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff};
    fwrite(b, 1, 4, f);
}

static void put_u16(FILE *f, uint16_t v) {
    unsigned char b[2] = {v & 0xff, (v >> 8) & 0xff};
    fwrite(b, 1, 2, f);
}

static void wav_header(FILE *f, uint32_t rate, uint32_t data_bytes) {
    fwrite("RIFF", 1, 4, f);
    put_u32(f, 36 + data_bytes);
    fwrite("WAVEfmt ", 1, 8, f);
    put_u32(f, 16);
    put_u16(f, 1);
    put_u16(f, 1);
    put_u32(f, rate);
    put_u32(f, rate * 2);
    put_u16(f, 2);
    put_u16(f, 16);
    fwrite("data", 1, 4, f);
    put_u32(f, data_bytes);
}

static void json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc(c, f);
        } else if (c < 0x20) {
            fprintf(f, "\\u%04x", c);
        } else {
            fputc(c, f);
        }
    }
    fputc('"', f);
}

static const char *kind_name(SottoMarkKind k) {
    switch (k) {
    case SOTTO_MARK_KIND_SENTENCE: return "sentence";
    case SOTTO_MARK_KIND_WORD: return "word";
    case SOTTO_MARK_KIND_USER: return "mark";
    default: return "phoneme";
    }
}

static int fail(const char *what, int code) {
    fprintf(stderr, "speak: %s failed (%d): %s\n", what, code, sotto_last_error());
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: speak VOICE_DIR TEXT OUT.wav MARKS.jsonl\n");
        return 2;
    }
    SottoVoice *voice = NULL;
    int rc = sotto_voice_open(argv[1], SOTTO_DEVICE_AUTO, SOTTO_PRECISION_AUTO, &voice);
    if (rc != SOTTO_OK) return fail("sotto_voice_open", rc);
    uint32_t rate = sotto_voice_sample_rate(voice);

    SottoStream *stream = NULL;
    int status = 0;
    FILE *wav = NULL;
    FILE *marks = NULL;
    rc = sotto_stream_new(voice, &stream);
    if (rc != SOTTO_OK) {
        status = fail("sotto_stream_new", rc);
        goto done;
    }
    SottoOptions options = sotto_options_default();
    int ssml = strncmp(argv[2], "<speak", 6) == 0;
    rc = ssml ? sotto_stream_start_ssml(stream, argv[2], &options)
              : sotto_stream_start(stream, argv[2], &options);
    if (rc != SOTTO_OK) {
        status = fail("sotto_stream_start", rc);
        goto done;
    }

    wav = fopen(argv[3], "wb");
    if (!wav) {
        perror(argv[3]);
        status = 1;
        goto done;
    }
    marks = fopen(argv[4], "w");
    if (!marks) {
        perror(argv[4]);
        status = 1;
        goto done;
    }
    wav_header(wav, rate, 0);
    uint32_t samples = 0;
    SottoChunk chunk;
    while ((rc = sotto_stream_next(stream, &chunk)) == SOTTO_OK) {
        for (size_t i = 0; i < chunk.n_samples; i++) {
            float s = chunk.samples[i];
            s = s > 1.0f ? 1.0f : (s < -1.0f ? -1.0f : s);
            int16_t v = (int16_t)roundf(s * 32767.0f);
            put_u16(wav, (uint16_t)v);
        }
        samples += (uint32_t)chunk.n_samples;
        for (size_t i = 0; i < chunk.n_marks; i++) {
            const SottoMark *m = &chunk.marks[i];
            fprintf(marks, "{\"kind\":\"%s\",\"text\":", kind_name(m->kind));
            json_string(marks, m->text);
            fprintf(marks, ",\"start\":%.6f,\"duration\":%.6f,\"start_sample\":%llu,\"samples\":%llu}\n",
                    (double)m->start / rate, (double)m->duration / rate,
                    (unsigned long long)m->start, (unsigned long long)m->duration);
        }
        if (chunk.is_last) break;
    }
    if (rc != SOTTO_OK && rc != SOTTO_DONE) status = fail("sotto_stream_next", rc);
    fseek(wav, 0, SEEK_SET);
    wav_header(wav, rate, samples * 2);

done:
    if (wav) fclose(wav);
    if (marks) fclose(marks);
    if (status != 0 && wav) remove(argv[3]);
    if (status != 0 && marks) remove(argv[4]);
    sotto_stream_free(stream);
    sotto_voice_free(voice);
    return status;
}
