"""Marks: sentences, words and phonemes with their samples; SSML marks and breaks."""

import numpy as np

import sotto


def marks_of(stream: sotto.Stream) -> tuple[list[sotto.Mark], int]:
    marks: list[sotto.Mark] = []
    n = 0
    for chunk in stream:
        for m in chunk.marks:
            assert chunk.start <= m.start and (m.start < chunk.start + len(chunk.samples) or chunk.is_last)
        marks += chunk.marks
        n += len(chunk.samples)
    return marks, n


def test_marks_time_sentences_words_and_phonemes(voice: sotto.Voice) -> None:
    marks, n = marks_of(voice.stream("Platform 3. Mind the gap."))
    sentences = [m for m in marks if m.kind == "sentence"]
    words = [m.text.lower() for m in marks if m.kind == "word"]
    assert [s.text for s in sentences] == ["Platform 3.", "Mind the gap."]
    assert words == ["platform", "three", "mind", "the", "gap"]
    assert sum(m.kind == "phoneme" for m in marks) > 10
    starts = [m.start for m in marks]
    assert starts == sorted(starts)
    for s in sentences:
        assert s.duration > 0 and s.start + s.duration <= n
    assert sentences[1].start > sentences[0].start + sentences[0].duration  # the pause between
    first_word = next(m for m in marks if m.kind == "word")
    assert sentences[0].start < first_word.start < sentences[0].start + sentences[0].duration
    assert "Mark(kind=" in repr(first_word)


def test_ssml_speaks_breaks_and_returns_user_marks(voice: sotto.Voice) -> None:
    doc = '<speak>Doors closing.<break time="500ms"/><mark name="here"/>Mind the gap.</speak>'
    marks, n = marks_of(voice.stream(doc, ssml=True))
    user = [m for m in marks if m.kind == "mark"]
    assert [(m.text, m.duration) for m in user] == [("here", 0)]
    sentences = [m for m in marks if m.kind == "sentence"]
    assert len(sentences) == 2
    gap = sentences[1].start - (sentences[0].start + sentences[0].duration)
    assert gap >= int(0.45 * voice.sample_rate)
    assert sentences[0].start + sentences[0].duration <= user[0].start <= sentences[1].start
    audio = voice.say(doc, ssml=True)
    assert len(audio) == n


def test_ssml_prosody_rate_changes_the_length(voice: sotto.Voice) -> None:
    slow = voice.say('<speak><prosody rate="50%">Doors closing.</prosody></speak>', ssml=True)
    plain = voice.say("<speak>Doors closing.</speak>", ssml=True)
    assert len(slow) > 1.5 * len(plain)
    assert np.array_equal(plain, voice.say("Doors closing."))


def test_stream_reports_the_text_it_cannot_read(voice: sotto.Voice) -> None:
    text = "Platform Привет three, 你好."
    stream = voice.stream(text)
    spans = stream.dropped
    assert [(d.text, d.script) for d in spans] == [("Привет", "Cyrillic"), ("你好", "Han (CJK)")]
    assert [text[d.start : d.end] for d in spans] == ["Привет", "你好"]
    assert "DroppedSpan(text=" in repr(spans[0])
    marks, _ = marks_of(stream)
    assert [m.text.lower() for m in marks if m.kind == "word"] == ["platform", "three"]
    assert voice.stream("Mind the gap.").dropped == []
