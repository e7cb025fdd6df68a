// placeholder until the store clients land
