// JavaScript half of browser_websocket.cpp (linked with --js-library).
mergeInto(LibraryManager.library, {
  // emscripten_websocket_delete in 3.1.6 detaches the handlers but leaves the socket in its table
  // (`delete WS.sockets[socket]` deletes the wrong key): drop the entry so a kiosk that reconnects
  // for days does not keep every old socket.
  sb_websocket_forget__deps: ['$WS'],
  sb_websocket_forget: function (id) {
    WS.sockets[id] = undefined;
  },
});
