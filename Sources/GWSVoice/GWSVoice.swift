// GWSVoice: the agent and call model of the Voice channel (`/workspace/v3/voice`).
//
// - Model/: the pure state machine. `VoiceReducer.reduce(_:_:now:ids:)` takes an
//   agent's `VoiceRecord` (its DN and calls) and a `VoiceCommand`, and returns
//   the new record and the `VoiceEvent`s it causes, or throws a `VoiceError`
//   and changes nothing. No I/O: time and call ids are injected.
// - Events/: the GWS notification shapes (`DnStateChanged`, `CallStateChanged`,
//   `EventError`, `ServiceStateChanged`) and the bus envelope
//   `AgentNotification`, published on Redis channel `gws:events:<tenant>` and
//   appended to the stream `gws:stream:events` (`AgentNotificationBus`).
// - Store/: `VoiceStateStore`, one JSON record per agent in Redis, written with
//   compare-and-set in a Lua script that also maintains the DN index and
//   publishes the notifications atomically with the write.
// - `VoiceController`: load, reduce, store and publish, by user name or by DN.
