// JavaScript half of input.cpp (linked with --js-library).
mergeInto(LibraryManager.library, {
  sb_input_is_apple: function () {
    return /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent) ? 1 : 0;
  },

  sb_input_set_cursor: function (css) {
    document.getElementById('canvas').style.cursor = UTF8ToString(css);
  },

  sb_input_focus_canvas: function () {
    document.getElementById('canvas').focus({ preventScroll: true });
  },
});
