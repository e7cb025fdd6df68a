// The GWSVoice module; see its types.
