/*
 * Madoguchi loopback meeting: JitsiMeetExternalAPI with the constructor, methods, commands and events of Jitsi
 * Meet's IFrame API, talking to this server's meeting page in an iframe. Written for Madoguchi's tests and demo;
 * not Jitsi's code.
 */
(function () {
    'use strict';

    // The scheme (and so the iframe's origin) of the server this script came from: http on loopback.
    var scriptSrc = document.currentScript && document.currentScript.src;
    var scheme = scriptSrc ? new URL(scriptSrc).protocol : 'https:';
    var MARK = 'madoguchiMeet';
    var instances = 0;

    function size(value) {
        if (value === undefined || value === null || value === '') {
            return '100%';
        }
        return typeof value === 'number' ? value + 'px' : String(value);
    }

    function hashParam(key, value) {
        return encodeURIComponent(key) + '=' + encodeURIComponent(JSON.stringify(value));
    }

    function JitsiMeetExternalAPI(domain, options) {
        if (!(this instanceof JitsiMeetExternalAPI)) {
            throw new TypeError('JitsiMeetExternalAPI is a constructor: use new');
        }
        if (typeof options !== 'object' || options === null) {
            options = {roomName: options};
        }
        var roomName = options.roomName || '';
        if (!/^[A-Za-z0-9_-]{0,128}$/.test(roomName)) {
            throw new Error('room names are letters, digits, - and _ on this meeting server: ' + roomName);
        }
        var self = this;
        this._listeners = {};
        this._ready = false;
        this._queue = [];
        this._requests = {};
        this._nextRequest = 1;
        this._audioMuted = !!(options.configOverwrite && options.configOverwrite.startWithAudioMuted);
        this._videoMuted = !!(options.configOverwrite && options.configOverwrite.startWithVideoMuted);
        this._participants = 0;
        this._origin = scheme + '//' + domain;
        this._id = instances++;

        var hash = [hashParam('jitsi_meet_external_api_id', this._id)];
        var config = options.configOverwrite || {};
        Object.keys(config).forEach(function (key) {
            hash.push(hashParam('config.' + key, config[key]));
        });
        var interfaceConfig = options.interfaceConfigOverwrite || {};
        Object.keys(interfaceConfig).forEach(function (key) {
            hash.push(hashParam('interfaceConfig.' + key, interfaceConfig[key]));
        });
        var userInfo = options.userInfo || {};
        Object.keys(userInfo).forEach(function (key) {
            hash.push(hashParam('userInfo.' + key, userInfo[key]));
        });
        if (options.lang) {
            hash.push(hashParam('lang', options.lang));
        }
        var url = this._origin + '/' + encodeURIComponent(roomName)
            + (options.jwt ? '?jwt=' + encodeURIComponent(options.jwt) : '') + '#' + hash.join('&');

        var frame = document.createElement('iframe');
        frame.allow = 'camera; microphone; autoplay; display-capture';
        frame.name = 'jitsiConferenceFrame' + this._id;
        frame.id = frame.name;
        frame.setAttribute('allowfullscreen', 'true');
        frame.style.border = '0';
        frame.style.width = size(options.width);
        frame.style.height = size(options.height);
        frame.src = url;
        this._frame = frame;

        this._onMessage = function (event) {
            if (event.source !== frame.contentWindow || event.origin !== self._origin) {
                return;
            }
            var message = event.data;
            if (!message || message[MARK] !== 1) {
                return;
            }
            if (message.type === 'ready') {
                self._ready = true;
                var queued = self._queue;
                self._queue = [];
                queued.forEach(function (m) {
                    self._post(m);
                });
            } else if (message.type === 'event') {
                self._onEvent(message.name, message.data || {});
            } else if (message.type === 'response') {
                var pending = self._requests[message.id];
                if (pending) {
                    delete self._requests[message.id];
                    pending(message.result);
                }
            }
        };
        window.addEventListener('message', this._onMessage);
        if (typeof options.onload === 'function') {
            frame.addEventListener('load', options.onload);
        }
        (options.parentNode || document.body).appendChild(frame);
    }

    JitsiMeetExternalAPI.prototype._post = function (message) {
        if (!this._frame) {
            return;
        }
        message[MARK] = 1;
        if (!this._ready) {
            this._queue.push(message);
            return;
        }
        this._frame.contentWindow.postMessage(message, this._origin);
    };

    JitsiMeetExternalAPI.prototype._onEvent = function (name, data) {
        switch (name) {
            case 'videoConferenceJoined':
                this._participants = 1;
                break;
            case 'participantJoined':
                this._participants++;
                break;
            case 'participantLeft':
                this._participants = Math.max(1, this._participants - 1);
                break;
            case 'videoConferenceLeft':
                this._participants = 0;
                break;
            case 'audioMuteStatusChanged':
                this._audioMuted = !!data.muted;
                break;
            case 'videoMuteStatusChanged':
                this._videoMuted = !!data.muted;
                break;
            default:
                break;
        }
        this.emit(name, data);
    };

    JitsiMeetExternalAPI.prototype.emit = function (name, data) {
        var listeners = (this._listeners[name] || []).slice();
        listeners.forEach(function (listener) {
            try {
                listener(data);
            } catch (e) {
                setTimeout(function () {
                    throw e;
                });
            }
        });
        return listeners.length > 0;
    };

    JitsiMeetExternalAPI.prototype.executeCommand = function (name) {
        var args = Array.prototype.slice.call(arguments, 1);
        this._post({type: 'command', name: String(name), args: args});
    };

    JitsiMeetExternalAPI.prototype.executeCommands = function (commands) {
        var self = this;
        Object.keys(commands || {}).forEach(function (name) {
            var args = commands[name];
            self.executeCommand.apply(self, [name].concat(Array.isArray(args) ? args : [args]));
        });
    };

    JitsiMeetExternalAPI.prototype.addListener = function (name, listener) {
        (this._listeners[name] = this._listeners[name] || []).push(listener);
        return this;
    };
    JitsiMeetExternalAPI.prototype.on = JitsiMeetExternalAPI.prototype.addListener;
    JitsiMeetExternalAPI.prototype.addEventListener = JitsiMeetExternalAPI.prototype.addListener;

    JitsiMeetExternalAPI.prototype.removeListener = function (name, listener) {
        var list = this._listeners[name] || [];
        var index = list.indexOf(listener);
        if (index >= 0) {
            list.splice(index, 1);
        }
        return this;
    };
    JitsiMeetExternalAPI.prototype.off = JitsiMeetExternalAPI.prototype.removeListener;
    JitsiMeetExternalAPI.prototype.removeEventListener = JitsiMeetExternalAPI.prototype.removeListener;

    JitsiMeetExternalAPI.prototype.addEventListeners = function (listeners) {
        var self = this;
        Object.keys(listeners || {}).forEach(function (name) {
            self.addListener(name, listeners[name]);
        });
    };

    JitsiMeetExternalAPI.prototype.removeEventListeners = function (names) {
        var self = this;
        (names || []).forEach(function (name) {
            delete self._listeners[name];
        });
    };

    JitsiMeetExternalAPI.prototype.removeAllListeners = function (name) {
        if (name === undefined) {
            this._listeners = {};
        } else {
            delete this._listeners[name];
        }
        return this;
    };

    JitsiMeetExternalAPI.prototype._request = function (name, fallback) {
        var self = this;
        if (!this._frame) {
            return Promise.resolve(fallback);
        }
        return new Promise(function (resolve) {
            var id = self._nextRequest++;
            self._requests[id] = resolve;
            self._post({type: 'request', id: id, name: name});
        });
    };

    JitsiMeetExternalAPI.prototype.isAudioMuted = function () {
        return this._request('isAudioMuted', this._audioMuted);
    };

    JitsiMeetExternalAPI.prototype.isVideoMuted = function () {
        return this._request('isVideoMuted', this._videoMuted);
    };

    JitsiMeetExternalAPI.prototype.getNumberOfParticipants = function () {
        return this._participants;
    };

    JitsiMeetExternalAPI.prototype.getIFrame = function () {
        return this._frame;
    };

    JitsiMeetExternalAPI.prototype.dispose = function () {
        this.emit('_willDispose', {});
        window.removeEventListener('message', this._onMessage);
        if (this._frame && this._frame.parentNode) {
            this._frame.parentNode.removeChild(this._frame);
        }
        this._frame = null;
        this._listeners = {};
        this._queue = [];
        var requests = this._requests;
        this._requests = {};
        Object.keys(requests).forEach(function (id) {
            requests[id](undefined);
        });
    };

    window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
})();
