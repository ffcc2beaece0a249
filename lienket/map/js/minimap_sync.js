/* Keeps a Control.MiniMap and its map in step, in place of the control's own two flags.
   Those flags assume each move of the map is answered by one move of the minimap; a second move
   of the map within the minimap's 0.25 s pan animation leaves them crossed, and the minimap then
   "moves" the map to its own centre at its own whole zoom (the minimap snaps to whole zooms:
   the opening 9.5 - 5 = 4.5 shows as 5, so the map went to 10). A reader dragging the minimap
   got the same jump. Here the minimap follows the map at once (no animation, so nothing is left
   pending), and the minimap moves the map only when its view is not the one the map gives it:
   the reader dragged or zoomed it. A drag keeps the map's zoom. `control` is not yet added. */
(function (control) {
    var following = false;
    var offset = control.options.zoomLevelOffset;
    control._onMainMapMoved = function () {
        var main = this._mainMap, mini = this._miniMap;
        following = true;
        try {
            mini.setView(main.getCenter(), main.getZoom() + offset, {animate: false});
        } finally {
            following = false;
        }
        this._setDisplay(this._decideMinimized());
        this._aimingRect.setBounds(main.getBounds());
    };
    control._onMiniMapMoved = function () {
        if (following) { return; }
        var main = this._mainMap, mini = this._miniMap;
        var given = mini._limitZoom(main.getZoom() + offset);
        var z = mini.getZoom();
        var shift = mini.project(main.getCenter(), z).subtract(mini.project(mini.getCenter(), z));
        if (z === given && Math.abs(shift.x) <= 1 && Math.abs(shift.y) <= 1) { return; }
        this._shadowRect.setStyle({opacity: 0, fillOpacity: 0});
        main.setView(mini.getCenter(), z === given ? main.getZoom() : z - offset);
    };
})
