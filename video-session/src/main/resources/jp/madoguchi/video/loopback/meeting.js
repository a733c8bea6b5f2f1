/*
 * Madoguchi loopback meeting page: what the JitsiMeetExternalAPI iframe loads. It joins the room through the
 * loopback meeting server (an event stream plus small POSTs), opens camera and microphone once in the conference,
 * and connects to every other participant with one RTCPeerConnection per pair (the later one offers). Events go
 * to the embedding page with the names and payloads of Jitsi's IFrame API.
 */
(function () {
    'use strict';

    var MARK = 'madoguchiMeet';
    var TEXTS = {
        ja: {
            prejoin: '会議に参加しますか？', join: '参加する', lobby: 'ロビーで待っています。', knock: '参加をリクエスト',
            knocking: '係員が参加を許可するまでお待ちください。', connecting: '接続しています…',
            alone: 'ほかの参加者を待っています…'
        },
        en: {
            prejoin: 'Join the meeting?', join: 'Join', lobby: 'You are in the lobby.', knock: 'Ask to join',
            knocking: 'Please wait until the host lets you in.', connecting: 'Connecting…',
            alone: 'Waiting for others to join…'
        }
    };

    // ------------------------------------------------------------ what the iframe URL says

    var room = decodeURIComponent(location.pathname.slice(1));
    var jwt = new URLSearchParams(location.search).get('jwt') || '';
    var config = {};
    var interfaceConfig = {};
    var userInfo = {};
    var lang = '';

    function setPath(target, path, value) {
        var keys = path.split('.');
        for (var i = 0; i < keys.length - 1; i++) {
            if (typeof target[keys[i]] !== 'object' || target[keys[i]] === null) {
                target[keys[i]] = {};
            }
            target = target[keys[i]];
        }
        target[keys[keys.length - 1]] = value;
    }

    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
        var eq = pair.indexOf('=');
        if (eq <= 0) {
            return;
        }
        var key = decodeURIComponent(pair.slice(0, eq));
        var raw = decodeURIComponent(pair.slice(eq + 1));
        var value;
        try {
            value = JSON.parse(raw);
        } catch (e) {
            value = raw;
        }
        if (key.indexOf('config.') === 0) {
            setPath(config, key.slice('config.'.length), value);
        } else if (key.indexOf('interfaceConfig.') === 0) {
            setPath(interfaceConfig, key.slice('interfaceConfig.'.length), value);
        } else if (key.indexOf('userInfo.') === 0) {
            setPath(userInfo, key.slice('userInfo.'.length), value);
        } else if (key === 'lang') {
            lang = String(value);
        }
    });
    if (!lang && typeof config.defaultLanguage === 'string') {
        lang = config.defaultLanguage;
    }
    var text = TEXTS[lang] || (lang ? TEXTS.en : TEXTS.ja);
    document.documentElement.lang = lang || 'ja';

    // ------------------------------------------------------------ talking to the embedding page

    var inFrame = window.parent !== window;
    var parentOrigin = location.ancestorOrigins && location.ancestorOrigins.length
        ? location.ancestorOrigins[0] : null;

    function toParent(message) {
        if (!inFrame) {
            return;
        }
        message[MARK] = 1;
        window.parent.postMessage(message, parentOrigin && parentOrigin !== 'null' ? parentOrigin : '*');
    }

    function emit(name, data) {
        toParent({type: 'event', name: name, data: data || {}});
    }

    window.addEventListener('message', function (event) {
        if (event.source !== window.parent || !event.data || event.data[MARK] !== 1) {
            return;
        }
        if (parentOrigin && parentOrigin !== 'null' && event.origin !== parentOrigin) {
            return;
        }
        var message = event.data;
        if (message.type === 'command') {
            command(String(message.name), Array.isArray(message.args) ? message.args : []);
        } else if (message.type === 'request') {
            var result = message.name === 'isAudioMuted' ? state.audioMuted
                : message.name === 'isVideoMuted' ? state.videoMuted : undefined;
            toParent({type: 'response', id: message.id, result: result});
        }
    });

    // ------------------------------------------------------------ talking to the meeting server

    var state = {
        me: null,            // {id, key, roomName, displayName, moderator} once the server took us
        joined: false,       // in the conference (not the lobby)
        ended: false,        // left, turned away, ended or dropped: nothing more happens
        hangingUp: false,
        audioMuted: !!config.startWithAudioMuted,
        videoMuted: !!config.startWithVideoMuted,
        audioTrack: null,
        videoTrack: null,
        mediaOpenedReported: false,
        firstFrameReported: false,
        pendingRecords: [],
        events: null,
        statsTimer: 0
    };
    var peers = {};
    var posts = Promise.resolve();

    function postNow(path, body) {
        var payload = Object.assign({pid: state.me && state.me.id, key: state.me && state.me.key}, body || {});
        return fetch('/_meet/' + path, {
            method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(payload)
        });
    }

    /** POSTs in the order they were made (a command before the mute state it caused). */
    function post(path, body) {
        var result = posts.then(function () {
            return postNow(path, body);
        });
        posts = result.catch(function () {
        });
        return result;
    }

    function record(name, args) {
        if (state.me) {
            post('command', {name: name, args: args});
        } else {
            state.pendingRecords.push({name: name, args: args});
        }
    }

    // ------------------------------------------------------------ the screen

    var stage = document.getElementById('stage');
    var selfView = document.getElementById('self');
    var notice = document.getElementById('notice');
    var noticeText = document.getElementById('notice-text');
    var noticeButton = document.getElementById('notice-button');

    function showNotice(message, buttonLabel, onClick) {
        notice.hidden = false;
        noticeText.textContent = message;
        noticeButton.hidden = !buttonLabel;
        noticeButton.textContent = buttonLabel || '';
        noticeButton.onclick = onClick || null;
    }

    function updateNotice() {
        if (state.joined && !state.ended) {
            if (Object.keys(peers).length === 0) {
                showNotice(text.alone);
            } else {
                notice.hidden = true;
            }
        }
    }

    // ------------------------------------------------------------ joining

    function prejoinEnabled() {
        if (config.prejoinConfig && config.prejoinConfig.enabled === false) {
            return false;
        }
        return config.prejoinPageEnabled !== false;
    }

    function start() {
        toParent({type: 'ready'});
        if (prejoinEnabled()) {
            showNotice(text.prejoin, text.join, function () {
                noticeButton.hidden = true;
                join();
            });
        } else {
            join();
        }
    }

    function join() {
        showNotice(text.connecting);
        postNow('join', {
            room: room, jwt: jwt, displayName: userInfo.displayName || '', config: config,
            interfaceConfig: interfaceConfig, lang: lang
        }).then(function (response) {
            return response.json().then(function (body) {
                return {status: response.status, body: body};
            });
        }).then(function (answer) {
            if (answer.status === 403) {
                fail('CONNECTION', 'connection.passwordRequired', answer.body.error || 'token rejected');
                return;
            }
            if (answer.status !== 200) {
                fail('CONNECTION', 'connection.otherError', answer.body.error || 'HTTP ' + answer.status);
                return;
            }
            state.me = answer.body;
            state.pendingRecords.forEach(function (r) {
                post('command', r);
            });
            state.pendingRecords = [];
            if (state.audioMuted || state.videoMuted) {
                post('mute', {audioMuted: state.audioMuted, videoMuted: state.videoMuted});
            }
            if (state.ended || state.hangingUp) {
                post('leave', {});
                return;
            }
            listen();
        }).catch(function (e) {
            fail('CONNECTION', 'connection.otherError', 'the meeting server cannot be reached: ' + e);
        });
    }

    function listen() {
        var events = new EventSource('/_meet/events?pid=' + encodeURIComponent(state.me.id)
            + '&key=' + encodeURIComponent(state.me.key));
        state.events = events;
        events.onmessage = function (event) {
            var message;
            try {
                message = JSON.parse(event.data);
            } catch (e) {
                return;
            }
            onServer(message);
        };
        events.onerror = function () {
            events.close();
            if (state.ended) {
                return;
            }
            if (state.hangingUp) {
                finish(state.joined);
                return;
            }
            fail('CONNECTION', 'connection.droppedError', 'the connection to the meeting server was lost');
        };
    }

    function onServer(message) {
        if (state.ended) {
            return;
        }
        switch (message.type) {
            case 'lobby':
                showNotice(text.lobby, text.knock, function () {
                    noticeButton.hidden = true;
                    showNotice(text.knocking);
                    post('knock', {});
                });
                break;
            case 'joined':
                onJoined(message);
                break;
            case 'peerJoined':
                addPeer(message.id, message.displayName, false);
                emit('participantJoined', {id: message.id, displayName: message.displayName});
                updateNotice();
                break;
            case 'peerLeft':
                removePeer(message.id);
                emit('participantLeft', {id: message.id});
                updateNotice();
                break;
            case 'knocking':
                emit('knockingParticipant', {participant: message.participant});
                break;
            case 'displayName':
                if (peers[message.id]) {
                    peers[message.id].label.textContent = message.displayName;
                }
                emit('displayNameChange', {id: message.id, displayname: message.displayName});
                break;
            case 'signal':
                onSignal(message.from, message.data);
                break;
            case 'rejected':
                fail('CONFERENCE', 'conference.connectionError.membersOnly',
                    'the host did not let this participant in');
                break;
            case 'destroyed':
                fail('CONFERENCE', 'conference.destroyed', 'the meeting has been ended by the host');
                emit('readyToClose', {});
                break;
            case 'left':
                finish(message.joined);
                break;
            case 'navigate':
                navigateTop(message.url);
                break;
            case 'failDevice':
                deviceFailed(message.kind === 'camera' ? 'camera' : 'microphone',
                    {name: 'NotFoundError', message: 'the ' + message.kind + ' was disconnected'});
                break;
            default:
                break;
        }
    }

    function onJoined(message) {
        state.joined = true;
        state.me.displayName = message.displayName;
        notice.hidden = true;
        emit('videoConferenceJoined', {
            roomName: message.roomName, id: message.id, displayName: message.displayName, avatarURL: '',
            breakoutRoom: false, visitor: false
        });
        (message.peers || []).forEach(function (peer) {
            addPeer(peer.id, peer.displayName, true);
            emit('participantJoined', {id: peer.id, displayName: peer.displayName});
        });
        updateNotice();
        applyMedia();
        state.statsTimer = setInterval(reportStats, 500);
    }

    /** This side is out of the conference on purpose (hung up, or ended it): left events, then readyToClose. */
    function finish(wasJoined) {
        if (state.ended) {
            return;
        }
        state.ended = true;
        cleanUp();
        if (wasJoined) {
            emit('videoConferenceLeft', {roomName: room});
        }
        emit('readyToClose', {});
    }

    function fail(type, name, message) {
        if (state.ended) {
            return;
        }
        state.ended = true;
        cleanUp();
        showNotice(message);
        emit('errorOccurred', {type: type, name: name, message: message, isFatal: true, details: {}});
    }

    function cleanUp() {
        state.joined = false;
        if (state.events) {
            state.events.close();
        }
        clearInterval(state.statsTimer);
        Object.keys(peers).forEach(removePeer);
        if (state.audioTrack) {
            state.audioTrack.stop();
            state.audioTrack = null;
        }
        if (state.videoTrack) {
            state.videoTrack.stop();
            state.videoTrack = null;
        }
        selfView.srcObject = null;
        selfView.style.display = 'none';
    }

    window.addEventListener('pagehide', function () {
        if (state.me && !state.ended) {
            navigator.sendBeacon('/_meet/leave', JSON.stringify({pid: state.me.id, key: state.me.key}));
        }
    });

    // ------------------------------------------------------------ commands from the embedding page

    function command(name, args) {
        record(name, args);
        switch (name) {
            case 'hangup':
                if (state.ended || state.hangingUp) {
                    return;
                }
                state.hangingUp = true;
                if (!state.me) {
                    finish(false);
                }
                // the server answers on the event stream with "left"
                break;
            case 'toggleAudio':
                if (state.ended) {
                    return;
                }
                state.audioMuted = !state.audioMuted;
                emit('audioMuteStatusChanged', {muted: state.audioMuted});
                if (state.me) {
                    post('mute', {audioMuted: state.audioMuted});
                }
                applyMedia();
                break;
            case 'toggleVideo':
                if (state.ended) {
                    return;
                }
                state.videoMuted = !state.videoMuted;
                emit('videoMuteStatusChanged', {muted: state.videoMuted});
                if (state.me) {
                    post('mute', {videoMuted: state.videoMuted});
                }
                applyMedia();
                break;
            case 'displayName':
                if (state.me && typeof args[0] === 'string' && args[0].trim()) {
                    state.me.displayName = args[0].trim();
                    emit('displayNameChange', {id: state.me.id, displayname: state.me.displayName});
                }
                break;
            default:
                // answerKnockingParticipant, toggleLobby, endConference: the server acts on the record
                break;
        }
    }

    // ------------------------------------------------------------ camera and microphone

    var media = Promise.resolve();

    /** Brings the tracks in line with the mute state; serialised, since getUserMedia takes a while. */
    function applyMedia() {
        media = media.then(syncMedia).catch(function (e) {
            console.warn('media', e);
        });
        return media;
    }

    function reportMediaOpened() {
        if (!state.mediaOpenedReported) {
            state.mediaOpenedReported = true;
            postNow('media-opened', {});
        }
    }

    function syncMedia() {
        if (!state.joined || state.ended) {
            return Promise.resolve();
        }
        var steps = Promise.resolve();
        if (!state.videoMuted && !state.videoTrack) {
            steps = steps.then(function () {
                reportMediaOpened();
                return navigator.mediaDevices.getUserMedia({
                    video: {width: {ideal: 640}, height: {ideal: 360}, frameRate: {ideal: 15}}
                }).then(function (stream) {
                    state.videoTrack = stream.getVideoTracks()[0];
                    if (state.videoMuted || state.ended) {
                        state.videoTrack.stop();
                        state.videoTrack = null;
                    }
                }, function (error) {
                    deviceFailed('camera', error);
                });
            });
        }
        if (!state.audioMuted && !state.audioTrack) {
            steps = steps.then(function () {
                reportMediaOpened();
                return navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
                    state.audioTrack = stream.getAudioTracks()[0];
                    if (state.ended) {
                        state.audioTrack.stop();
                        state.audioTrack = null;
                    }
                }, function (error) {
                    deviceFailed('microphone', error);
                });
            });
        }
        return steps.then(function () {
            if (state.videoMuted && state.videoTrack) {
                state.videoTrack.stop(); // camera off: the light goes off
                state.videoTrack = null;
            }
            if (state.audioTrack) {
                state.audioTrack.enabled = !state.audioMuted;
            }
            if (state.videoTrack) {
                selfView.srcObject = new MediaStream([state.videoTrack]);
                selfView.style.display = 'block';
            } else {
                selfView.srcObject = null;
                selfView.style.display = 'none';
            }
            Object.keys(peers).forEach(function (id) {
                attachSenders(peers[id]);
            });
        });
    }

    function deviceFailed(kind, error) {
        var name = error && error.name;
        var type = name === 'NotFoundError' || name === 'DevicesNotFoundError' ? 'gum.not_found'
            : name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError'
                ? 'gum.permission_denied'
                : name === 'OverconstrainedError' ? 'gum.constraint_failed' : 'gum.general';
        var message = (error && error.message) || String(error);
        if (kind === 'camera') {
            emit('cameraError', {type: type, message: message});
            if (state.videoTrack) {
                state.videoTrack.stop();
                state.videoTrack = null;
            }
            if (!state.videoMuted) {
                state.videoMuted = true;
                emit('videoMuteStatusChanged', {muted: true});
                post('mute', {videoMuted: true});
            }
        } else {
            emit('micError', {type: type, message: message});
            if (state.audioTrack) {
                state.audioTrack.stop();
                state.audioTrack = null;
            }
            if (!state.audioMuted) {
                state.audioMuted = true;
                emit('audioMuteStatusChanged', {muted: true});
                post('mute', {audioMuted: true});
            }
        }
        applyMedia();
    }

    // ------------------------------------------------------------ peers

    function addPeer(id, displayName, offerer) {
        if (peers[id]) {
            return peers[id];
        }
        var pc = new RTCPeerConnection({iceServers: []});
        var tile = document.createElement('div');
        tile.className = 'tile';
        var video = document.createElement('video');
        video.autoplay = true;
        video.playsInline = true;
        video.muted = true;
        var audio = document.createElement('audio');
        audio.autoplay = true;
        var label = document.createElement('span');
        label.className = 'name';
        label.textContent = displayName;
        tile.appendChild(video);
        tile.appendChild(audio);
        tile.appendChild(label);
        stage.appendChild(tile);
        var peer = {id: id, pc: pc, tile: tile, video: video, audio: audio, label: label, failed: false};
        peers[id] = peer;

        pc.ontrack = function (event) {
            var track = event.track;
            if (track.kind === 'video') {
                video.srcObject = new MediaStream([track]);
                video.play().catch(function () {
                });
                watchFirstFrame(video);
            } else {
                audio.srcObject = new MediaStream([track]);
                audio.play().catch(function (e) {
                    console.warn('remote audio cannot play yet', e);
                });
            }
        };
        pc.onconnectionstatechange = function () {
            if (pc.connectionState === 'failed' && !peer.failed && peers[id] === peer) {
                peer.failed = true;
                emit('peerConnectionFailure', {isP2P: true});
            }
        };
        if (offerer) {
            pc.addTransceiver('audio', {direction: 'sendrecv'});
            pc.addTransceiver('video', {direction: 'sendrecv'});
            attachSenders(peer);
            pc.createOffer().then(function (offer) {
                return pc.setLocalDescription(offer);
            }).then(function () {
                return gathered(pc);
            }).then(function () {
                return signal(id, {sdp: {type: pc.localDescription.type, sdp: pc.localDescription.sdp}});
            }).catch(function (e) {
                console.warn('offer to ' + id + ' failed', e);
            });
        }
        return peer;
    }

    function removePeer(id) {
        var peer = peers[id];
        if (!peer) {
            return;
        }
        delete peers[id];
        peer.pc.close();
        peer.video.srcObject = null;
        peer.audio.srcObject = null;
        if (peer.tile.parentNode) {
            peer.tile.parentNode.removeChild(peer.tile);
        }
    }

    function attachSenders(peer) {
        peer.pc.getTransceivers().forEach(function (transceiver) {
            if (transceiver.stopped || !transceiver.receiver.track) {
                return;
            }
            var kind = transceiver.receiver.track.kind;
            var track = kind === 'audio' ? (state.audioMuted ? null : state.audioTrack)
                : (state.videoMuted ? null : state.videoTrack);
            if (transceiver.sender.track !== track) {
                transceiver.sender.replaceTrack(track).catch(function (e) {
                    console.warn('replaceTrack', e);
                });
            }
        });
    }

    /** Candidates travel inside the SDP: on loopback, with no STUN server, gathering takes milliseconds. */
    function gathered(pc) {
        if (pc.iceGatheringState === 'complete') {
            return Promise.resolve();
        }
        return new Promise(function (resolve) {
            var timer = setTimeout(resolve, 3000);
            pc.addEventListener('icegatheringstatechange', function () {
                if (pc.iceGatheringState === 'complete') {
                    clearTimeout(timer);
                    resolve();
                }
            });
        });
    }

    function signal(to, data) {
        return postNow('signal', {to: to, data: data});
    }

    function onSignal(from, data) {
        var peer = peers[from];
        if (!peer || !data || !data.sdp) {
            return;
        }
        var pc = peer.pc;
        if (data.sdp.type === 'offer') {
            pc.setRemoteDescription(data.sdp).then(function () {
                pc.getTransceivers().forEach(function (transceiver) {
                    transceiver.direction = 'sendrecv';
                });
                attachSenders(peer);
                return pc.createAnswer();
            }).then(function (answer) {
                return pc.setLocalDescription(answer);
            }).then(function () {
                return gathered(pc);
            }).then(function () {
                return signal(from, {sdp: {type: pc.localDescription.type, sdp: pc.localDescription.sdp}});
            }).catch(function (e) {
                console.warn('answer to ' + from + ' failed', e);
            });
        } else if (data.sdp.type === 'answer') {
            pc.setRemoteDescription(data.sdp).catch(function (e) {
                console.warn('answer from ' + from + ' rejected', e);
            });
        }
    }

    // ------------------------------------------------------------ what the tests and the benchmark read

    function watchFirstFrame(video) {
        if (state.firstFrameReported) {
            return;
        }
        var report = function () {
            if (!state.firstFrameReported && !state.ended) {
                state.firstFrameReported = true;
                postNow('first-frame', {});
            }
        };
        if (video.requestVideoFrameCallback) {
            video.requestVideoFrameCallback(report);
        } else {
            video.addEventListener('loadeddata', report, {once: true});
        }
    }

    function reportStats() {
        var ids = Object.keys(peers);
        Promise.all(ids.map(function (id) {
            return peers[id].pc.getStats();
        })).then(function (reports) {
            var totals = {
                videoFramesDecoded: 0, videoBytesReceived: 0, audioPacketsReceived: 0,
                cameraLive: !!state.videoTrack && state.videoTrack.readyState === 'live',
                microphoneLive: !!state.audioTrack && state.audioTrack.readyState === 'live'
            };
            reports.forEach(function (report) {
                report.forEach(function (stat) {
                    if (stat.type !== 'inbound-rtp') {
                        return;
                    }
                    if (stat.kind === 'video') {
                        totals.videoFramesDecoded += stat.framesDecoded || 0;
                        totals.videoBytesReceived += stat.bytesReceived || 0;
                    } else if (stat.kind === 'audio') {
                        totals.audioPacketsReceived += stat.packetsReceived || 0;
                    }
                });
            });
            if (state.joined && !state.ended) {
                postNow('stats', totals);
            }
        }).catch(function () {
        });
    }

    // ------------------------------------------------------------ faults

    function navigateTop(url) {
        try {
            window.top.location.href = url;
        } catch (e) {
            console.warn('top navigation refused, navigating the meeting frame instead', e);
            window.location.href = url;
        }
    }

    start();
})();
