// JavaScript half of canvas_surface.cpp (linked with --js-library).
mergeInto(LibraryManager.library, {
  // devicePixelRatio changes without a resize event when the window moves to another screen; a
  // resolution media query fires then. It is re-armed for the new ratio every time.
  sb_canvas_watch_pixel_ratio__deps: ['$getWasmTableEntry'],
  sb_canvas_watch_pixel_ratio: function (changed, user) {
    function arm() {
      var query = matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
      query.addEventListener('change', function () {
        arm();
        getWasmTableEntry(changed)(user);
      }, { once: true });
    }
    arm();
  },
});
