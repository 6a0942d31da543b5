"""Piper-style phonemization with espeak-ng (offline reference only; never used at run time).

Text is cut into clauses at . , ; : ! ?; each clause goes through libespeak-ng's
espeak_TextToPhonemes in IPA mode, the clause's punctuation is appended to its phonemes, and the
result is NFD-normalised, as piper-phonemize does. Ids follow Piper: ^ _ p _ p _ ... $.
"""

import ctypes
import re
import unicodedata

AUDIO_OUTPUT_SYNCHRONOUS = 2
CHARS_UTF8 = 1
PHONEMES_IPA = 0x02
CLAUSE = re.compile(r"([^.,;:!?]*)([.,;:!?]+|$)")


class Espeak:
    def __init__(self, voice: str = "en-us"):
        self.lib = ctypes.cdll.LoadLibrary("libespeak-ng.so.1")
        self.lib.espeak_Initialize.restype = ctypes.c_int
        if self.lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0) < 0:
            raise RuntimeError("espeak-ng failed to initialise")
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise RuntimeError(f"espeak-ng has no voice {voice}")
        self.lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        self.lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.c_int,
            ctypes.c_int,
        ]

    def _clause(self, text: str) -> str:
        buf = ctypes.create_string_buffer(text.encode("utf-8"))
        ptr = ctypes.c_void_p(ctypes.addressof(buf))
        parts = []
        while ptr.value:
            out = self.lib.espeak_TextToPhonemes(ctypes.byref(ptr), CHARS_UTF8, PHONEMES_IPA)
            if out:
                parts.append(out.decode("utf-8").strip())
        return " ".join(p for p in parts if p)

    def phonemize(self, text: str) -> str:
        pieces = []
        for words, punct in CLAUSE.findall(text.replace("\n", " ")):
            words = words.strip()
            if not words and not punct:
                continue
            ph = self._clause(words) if words else ""
            pieces.append(ph + punct[:1] if punct else ph)
        return unicodedata.normalize("NFD", " ".join(p for p in pieces if p).strip())


def phoneme_ids(phonemes: str, id_map: dict) -> list:
    ids = [id_map["^"][0], id_map["_"][0]]
    for ch in phonemes:
        if ch in id_map:
            ids.extend([id_map[ch][0], id_map["_"][0]])
    ids.append(id_map["$"][0])
    return ids
