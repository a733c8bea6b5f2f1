/*
 * Test harness: embeds the loopback meeting with JitsiMeetExternalAPI as a booth or a clerk would, logs every
 * IFrame API event to the test server, and runs the commands the test queues for it.
 *
 * URL parameters: meet (the meeting server's base URL), room, name, who (the test's label), jwt, lang,
 * config (JSON configOverwrite), autoAdmit=1 (answer every knockingParticipant with "admit").
 */
(function () {
    'use strict';
    var params = new URLSearchParams(location.search);
    var who = params.get('who');
    var EVENTS = ['videoConferenceJoined', 'videoConferenceLeft', 'participantJoined', 'participantLeft',
        'readyToClose', 'audioMuteStatusChanged', 'videoMuteStatusChanged', 'cameraError', 'micError',
        'errorOccurred', 'knockingParticipant', 'peerConnectionFailure', 'displayNameChange'];
    var api = null;

    function log(name, data) {
        return fetch('/log?who=' + encodeURIComponent(who), {
            method: 'POST', body: JSON.stringify({name: name, data: data === undefined ? null : data})
        });
    }

    function create() {
        var meet = new URL(params.get('meet'));
        var options = {
            roomName: params.get('room'),
            parentNode: document.getElementById('meet'),
            lang: params.get('lang') || 'ja',
            userInfo: {displayName: params.get('name')},
            configOverwrite: JSON.parse(params.get('config') || '{}'),
            interfaceConfigOverwrite: {TOOLBAR_BUTTONS: []}
        };
        if (params.get('jwt')) {
            options.jwt = params.get('jwt');
        }
        api = new JitsiMeetExternalAPI(meet.host, options);
        EVENTS.forEach(function (name) {
            api.addListener(name, function (data) {
                log(name, data);
                if (name === 'knockingParticipant' && params.get('autoAdmit') === '1') {
                    api.executeCommand('answerKnockingParticipant', data.participant.id, true);
                }
            });
        });
        log('harnessReady', {iframe: api.getIFrame().src});
        poll();
    }

    function run(command) {
        switch (command.name) {
            case '_isAudioMuted':
                api.isAudioMuted().then(function (muted) {
                    log('_isAudioMuted', {muted: muted});
                });
                break;
            case '_isVideoMuted':
                api.isVideoMuted().then(function (muted) {
                    log('_isVideoMuted', {muted: muted});
                });
                break;
            case '_numberOfParticipants':
                log('_numberOfParticipants', {count: api.getNumberOfParticipants()});
                break;
            case '_dispose':
                api.dispose();
                break;
            default:
                api.executeCommand.apply(api, [command.name].concat(command.args || []));
        }
    }

    function poll() {
        fetch('/commands?who=' + encodeURIComponent(who)).then(function (response) {
            return response.json();
        }).then(function (commands) {
            commands.forEach(run);
        }).catch(function () {
        }).then(function () {
            setTimeout(poll, 100);
        });
    }

    window.addEventListener('pagehide', function () {
        navigator.sendBeacon('/log?who=' + encodeURIComponent(who), JSON.stringify({name: 'harnessUnloaded', data: {}}));
    });

    var script = document.createElement('script');
    script.src = params.get('meet') + 'external_api.js';
    script.onload = function () {
        try {
            create();
        } catch (e) {
            log('harnessError', {message: String(e)});
        }
    };
    script.onerror = function () {
        log('harnessError', {message: 'external_api.js did not load'});
    };
    document.head.appendChild(script);
})();
