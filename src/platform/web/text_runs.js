// JavaScript half of text_runs.cpp (linked with --js-library): measures and draws text runs with
// a Canvas 2D context and uploads them into the atlas page textures (the GL texture objects of
// Emscripten's GL layer), and finds the characters no system font can draw.
mergeInto(LibraryManager.library, {
  $sbTextRuns: {
    // The baked font's family first (Latin looks the same on both paths), then Debian's Noto
    // families for the other scripts and colour emoji, then whatever the system has.
    family: '"DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic", "Noto Sans Hebrew", ' +
      '"Noto Sans Thai", "Noto Sans Devanagari", "Noto Color Emoji", sans-serif',
    canvas: null,
    ctx: null,
    checked: null,  // Map: codepoint → true when no font draws it (made on first use)
    reference: null,     // the missing-glyph box: {width, pixels, boxesAlike}
    context: function (w, h) {
      if (!this.canvas) {
        this.canvas = document.createElement('canvas');
        this.canvas.width = 512;
        this.canvas.height = 64;
        this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
      }
      if (w > this.canvas.width || h > this.canvas.height) {
        this.canvas.width = Math.max(w, this.canvas.width);
        this.canvas.height = Math.max(h, this.canvas.height);
        this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
      }
      return this.ctx;
    },
    font: function (px, bold) { return (bold ? 'bold ' : '') + px + 'px ' + this.family; },
    // Renders one character at 32px and returns [width, pixels as a string of alpha values].
    sample: function (ch) {
      var ctx = this.context(64, 48);
      ctx.clearRect(0, 0, 64, 48);
      ctx.font = this.font(32, false);
      ctx.fillStyle = '#fff';
      ctx.textBaseline = 'alphabetic';
      ctx.direction = 'ltr';
      ctx.textAlign = 'left';
      ctx.fillText(ch, 8, 36);
      var data = ctx.getImageData(0, 0, 64, 48).data;
      var alpha = [];
      for (var i = 3; i < data.length; i += 4) alpha.push(data[i] > 127 ? 1 : 0);
      return { width: ctx.measureText(ch).width, pixels: alpha.join('') };
    },
    // Whether the browser draws ch as its missing-glyph box: it has that box's width and (when
    // the box does not depend on the codepoint) the same pixels. Checked once per codepoint.
    isMissing: function (ch) {
      if (!this.reference) {
        var a = this.sample('\u0378'), b = this.sample('\u{10FFFD}');  // unassigned, private
        this.reference = { width: a.width, pixels: a.pixels, boxesAlike: a.pixels === b.pixels };
      }
      var s = this.sample(ch);
      if (s.width !== this.reference.width) return false;
      return this.reference.boxesAlike ? s.pixels === this.reference.pixels : true;
    },
    // Characters of text that no font draws (marks, joiners, spaces and controls are not
    // drawn by themselves and are skipped).
    countMissing: function (text) {
      if (!this.checked) this.checked = new Map();
      var n = 0;
      for (var ch of text) {
        if (/[\p{M}\p{Cc}\p{Cf}\p{Z}]/u.test(ch)) continue;
        var cp = ch.codePointAt(0);
        var missing = this.checked.get(cp);
        if (missing === undefined) {
          missing = this.isMissing(ch);
          this.checked.set(cp, missing);
        }
        if (missing) n++;
      }
      return n;
    },
  },

  sb_text_runs_measure__deps: ['$sbTextRuns'],
  sb_text_runs_measure: function (text, len, px, bold) {
    var ctx = sbTextRuns.context(1, 1);
    ctx.font = sbTextRuns.font(px, bold);
    return ctx.measureText(UTF8ToString(text, len)).width;
  },

  // Draws the run into the slot (x, y, w, h) of the texture, ordered by the browser's bidi
  // algorithm in the given base direction; returns how many of its characters no font could
  // draw.
  sb_text_runs_draw__deps: ['$sbTextRuns', '$GL'],
  sb_text_runs_draw: function (text, len, px, bold, rtl, rgba, texture, x, y, w, h, padX, baseline) {
    var str = UTF8ToString(text, len);
    var missing = sbTextRuns.countMissing(str);
    var ctx = sbTextRuns.context(w, h);
    ctx.clearRect(0, 0, w, h);
    ctx.font = sbTextRuns.font(px, bold);
    ctx.textBaseline = 'alphabetic';
    ctx.direction = rtl ? 'rtl' : 'ltr';  // the paragraph's base direction, for the bidi algorithm
    ctx.textAlign = 'left';  // x is the left edge either way
    ctx.fillStyle = 'rgb(' + (rgba & 255) + ',' + ((rgba >>> 8) & 255) + ',' + ((rgba >>> 16) & 255) + ')';
    ctx.fillText(str, padX, baseline);
    var pixels = ctx.getImageData(0, 0, w, h);
    GLctx.bindTexture(GLctx.TEXTURE_2D, GL.textures[texture]);
    GLctx.pixelStorei(GLctx.UNPACK_ALIGNMENT, 4);
    GLctx.texSubImage2D(GLctx.TEXTURE_2D, 0, x, y, w, h, GLctx.RGBA, GLctx.UNSIGNED_BYTE,
                        new Uint8Array(pixels.data.buffer));
    return missing;
  },
});
