// The GWSRedis module; see its types.
